/// @brief Issue 16, test 4 (resources and tags): a member shares a resource with a file; a moderator
/// approves it from /moderation, finds it in the library and in search, merges two tags on
/// /moderation/etiquettes and sees the result; every page built for this checked by axe.
import assert from 'node:assert/strict';

export const timeoutMs = 90000;

// A one-page PDF whose text is `text` (ASCII), with a correct cross-reference table.
function pdf(text) {
    const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
    const objects = [
        '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R ' +
            '/Resources << /Font << /F1 5 0 R >> >> >>',
        `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
    let out = '%PDF-1.4\n';
    const offsets = objects.map((object, i) => {
        const at = out.length;
        out += `${i + 1} 0 obj\n${object}\nendobj\n`;
        return at;
    });
    const xref = out.length;
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
}

// Signs in by magic link as `email` (creating the account as `name` the first time).
async function signIn(ctx, page, email, name) {
    await page.goto('/connexion');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    const mail = await ctx.mail.waitFor({ to: email, subjectIncludes: 'connexion' });
    await page.goto(ctx.linkIn(mail.text, '/connexion/lien'));
    const nameField = page.getByLabel('Nom affiché');
    if (await nameField.count()) await nameField.fill(name);
    await page.getByRole('button', { name: /me connecter/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

export default async function moderation(ctx) {
    const member = ctx.page;
    const moderator = await ctx.newPage();
    const stamp = Date.now().toString(36);
    const title = `Matrice d'analyse financière ${stamp}`;
    const tagA = `outil-financier-${stamp}`;
    const tagB = `analyse-financiere-${stamp}`;

    await ctx.step('a moderator signs in and creates two tags', async () => {
        await signIn(ctx, moderator, `moderatrice-${stamp}@example.org`, 'Modératrice Mod');
        ctx.sql`UPDATE users SET role = 'moderator' WHERE email = ${`moderatrice-${stamp}@example.org`}`;
        await moderator.goto('/moderation/etiquettes');
        for (const [slug, label] of [[tagA, 'Outil financier'], [tagB, 'Analyse financière']]) {
            await moderator.getByLabel(/^Identifiant/).fill(slug);
            await moderator.getByLabel('Libellé', { exact: true }).fill(label);
            await moderator.getByRole('button', { name: 'Créer' }).click();
            await moderator.getByText('Le thème est créé.').waitFor();
        }
        await ctx.checkA11y(moderator, 'etiquettes');
        await ctx.screenshot(moderator, 'etiquettes');
    });

    let resourceUrl;
    await ctx.step('a member submits a resource with a file', async () => {
        await member.goto('/ressources/nouvelle');
        assert.match(new URL(member.url()).pathname, /^\/connexion/);  // members only
        await signIn(ctx, member, `porteuse-${stamp}@example.org`, 'Porteuse Ressource');
        await member.goto('/ressources/nouvelle');
        await ctx.checkA11y(member, 'nouvelle-ressource');
        await ctx.screenshot(member, 'nouvelle-ressource');

        // Sent without a title nor a type: both errors beside their fields, nothing lost.
        await member.getByLabel(/^Résumé/).fill('Un tableur pour analyser les comptes.');
        await member.getByRole('button', { name: 'Envoyer la ressource' }).click();
        assert.match(await member.locator('#title-erreur').innerText(), /titre/i);
        assert.match(await member.locator('#type-erreur').innerText(), /type/i);
        assert.equal(await member.getByLabel(/^Résumé/).inputValue(), 'Un tableur pour analyser les comptes.');
        await ctx.checkA11y(member, 'nouvelle-ressource-erreurs');
        await ctx.screenshot(member, 'nouvelle-ressource-erreurs');

        await member.getByLabel(/^Titre/).fill(title);
        await member.getByLabel(/^Description/).fill('Une matrice **prête à remplir**.\n\n- bilan\n- compte de résultat');
        await member.getByLabel('Type de ressource').selectOption({ label: 'Simulateur ou tableur' });
        await member.getByLabel('Licence').selectOption('cc-by-sa-4.0');
        // DSFR draws the box over the input: check it as a click on its label would.
        await member.getByRole('group', { name: 'Public' }).getByLabel('SIAE', { exact: true }).check({ force: true });
        await member.getByLabel('Outil financier', { exact: true }).check({ force: true });
        await member.getByLabel(/^Fichier/).setInputFiles({
            name: 'matrice.pdf', mimeType: 'application/pdf', buffer: pdf(`Matrice ${stamp} bilan`),
        });
        await member.getByRole('button', { name: 'Envoyer la ressource' }).click();
        await member.getByText('elle sera publiée après la relecture').waitFor();
        assert.equal(await member.locator('h1').innerText(), title);
        assert.match(await member.locator('#statut').textContent(), /attente/i);
        assert.match(await member.locator('#telecharger').innerText(), /matrice\.pdf/);
        resourceUrl = new URL(member.url()).pathname;
        await ctx.checkA11y(member, 'ressource-en-attente');
        await ctx.screenshot(member, 'ressource-en-attente');
    });

    await ctx.step('the pending resource is not public', async () => {
        const visitor = await ctx.newPage();
        const response = await visitor.goto(resourceUrl);
        assert.equal(response.status(), 404);
        await visitor.goto('/ressources');
        assert.equal(await visitor.getByRole('link', { name: title }).count(), 0);
    });

    await ctx.step('the moderator approves it from /moderation', async () => {
        await moderator.goto('/moderation');
        await ctx.checkA11y(moderator, 'moderation');
        await ctx.screenshot(moderator, 'moderation');
        await moderator.getByRole('button', { name: `Approuver « ${title} »` }).click();
        await moderator.getByText('Votre décision est enregistrée.').waitFor();
        assert.equal(await moderator.getByRole('button', { name: `Approuver « ${title} »` }).count(), 0);
    });

    await ctx.step('it is in the library and in search', async () => {
        const visitor = await ctx.newPage();
        await visitor.goto('/ressources?type=simulateur-tableur');
        await visitor.getByRole('link', { name: title }).click();
        assert.equal(await visitor.locator('h1').innerText(), title);
        assert.match(await visitor.locator('.kb-markdown').innerHTML(), /<strong>prête à remplir<\/strong>/);
        assert.equal(await visitor.locator('#telecharger').getAttribute('href'),
            `/api/v1/resources${resourceUrl.slice('/ressources'.length)}/file`);
        await ctx.checkA11y(visitor, 'ressource');
        await ctx.screenshot(visitor, 'ressource');
        await visitor.goto('/ressources');
        await ctx.checkA11y(visitor, 'bibliotheque');
        await ctx.screenshot(visitor, 'bibliotheque');
        await visitor.goto(`/recherche?q=${encodeURIComponent(`analyse financière ${stamp}`)}`);
        await visitor.getByRole('link', { name: title }).waitFor();
    });

    await ctx.step('the moderator merges the two tags and sees the result', async () => {
        await moderator.goto('/moderation/etiquettes');
        await moderator.getByLabel(/^Thème à fusionner/).selectOption(tagA);
        await moderator.getByLabel('Dans le thème').selectOption(tagB);
        await moderator.getByRole('button', { name: 'Fusionner' }).click();
        await moderator.getByText('Les thèmes sont fusionnés').waitFor();
        const row = moderator.locator('#themes tr', { hasText: tagB });
        assert.match(await row.innerText(), new RegExp(`${tagA}[\\s\\S]*\\b1\\b`));  // alias, 1 resource
        assert.equal(await moderator.locator('#themes td:nth-child(2)', { hasText: new RegExp(`^${tagA}$`) }).count(), 0);
        await moderator.goto(resourceUrl);
        await moderator.getByRole('link', { name: 'Analyse financière' }).waitFor();
        await moderator.goto(`/ressources?tag=${tagA}`);  // the old slug still answers
        await moderator.getByRole('link', { name: title }).waitFor();
    });

    await ctx.step('the journal and the roles pages', async () => {
        await moderator.goto('/moderation/journal');
        assert.match(await moderator.locator('#journal').innerText(), /approve[\s\S]*Modératrice Mod/);
        await ctx.checkA11y(moderator, 'journal');
        await ctx.screenshot(moderator, 'journal');
        await moderator.goto('/moderation/roles');
        await moderator.getByLabel(/Trouver un membre/).fill(`porteuse-${stamp}`);
        await moderator.getByRole('button', { name: 'Chercher', exact: true }).click();
        await moderator.getByLabel('Rôle de Porteuse Ressource').selectOption('expert');
        await moderator.getByRole('button', { name: 'Enregistrer le rôle de Porteuse Ressource' }).click();
        await moderator.getByText('Le rôle est enregistré.').waitFor();
        assert.match(await moderator.locator('#membres').innerText(), /Porteuse Ressource[\s\S]*Expert/);
        await ctx.checkA11y(moderator, 'roles');
        await ctx.screenshot(moderator, 'roles');
    });

    await ctx.step('a member gets the 403 page on /moderation', async () => {
        ctx.sql`UPDATE users SET role = 'member' WHERE email = ${`porteuse-${stamp}@example.org`}`;
        const response = await member.goto('/moderation');
        assert.equal(response.status(), 403);
        await ctx.checkA11y(member, 'moderation-interdite');
    });
}
