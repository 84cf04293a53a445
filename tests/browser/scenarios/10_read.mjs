/// @brief Reading and one's account (issue 16, test 1; issue 18's /indicateurs): a project holder
/// searches with a typo, follows the correction to a guide and a related article, says whether it
/// was useful (one vote per visitor); a member creates, sees once and revokes an API token; the
/// experts directory filters; the indicators page draws its series. axe and a screenshot on each.
import assert from 'node:assert/strict';

export const timeoutMs = 90000;

export default async function read(ctx) {
    const { page } = ctx;
    let guideUrl = '';

    await ctx.step('searches "conventionement aci" on the home page and sees the correction', async () => {
        await page.goto('/');
        await page.getByLabel('Votre question').fill('conventionement aci');
        await page.getByLabel('Votre question').press('Enter');
        await page.waitForURL(/\/recherche\?q=/);
        const correction = page.locator('#correction');
        await correction.waitFor();
        assert.match(await correction.innerText(), /Vouliez-vous dire\s+conventionnement aci/i);
    });

    await ctx.step('opens a guide', async () => {
        const guide = page.locator('.kb-result').filter({ has: page.locator('.fr-badge', { hasText: /^Guide$/ }) }).first();
        await guide.getByRole('link').first().click();
        await page.waitForURL(/\/articles\//);
        guideUrl = new URL(page.url()).pathname;
        assert.equal(await page.locator('h1').count(), 1);
        // The contents link to the guide's headings.
        const firstEntry = page.locator('.fr-summary__link').first();
        const target = (await firstEntry.getAttribute('href')).slice(1);
        assert.equal(await page.locator(`h2[id="${target}"], h3[id="${target}"]`).count(), 1);
        await page.getByRole('navigation', { name: 'vous êtes ici :' }).getByRole('link', { name: 'Accueil' }).waitFor();
        await ctx.checkA11y(page, 'article');
        await ctx.screenshot(page, 'article');
    });

    await ctx.step('says the guide was useful, then changes its mind: one vote', async () => {
        await page.getByRole('button', { name: 'Oui' }).click();
        await page.getByText('vous avez répondu « oui »').waitFor();
        await page.getByRole('button', { name: 'Non' }).click();
        await page.getByText('vous avez répondu « non »').waitFor();
        const slug = decodeURIComponent(guideUrl.split('/').pop());
        const count = (filter) => ctx.sql(`SELECT count(*) AS n FROM article_votes v JOIN articles a ON a.id = v.article_id
                                          WHERE a.slug = :'v1' AND ${filter}`, [slug])[0].n;
        assert.equal(count('true'), '1');
        assert.equal(count('NOT v.useful'), '1');
        // Another visitor's vote counts apart.
        const other = await ctx.newPage();
        await other.goto(guideUrl);
        await other.getByRole('button', { name: 'Oui' }).click();
        await other.getByText('vous avez répondu « oui »').waitFor();
        assert.equal(count('true'), '2');
    });

    await ctx.step('follows a related article', async () => {
        const related = page.locator('#articles-lies + ul a').first();
        const title = await related.innerText();
        await related.click();
        await page.waitForURL((url) => url.pathname.startsWith('/articles/') && url.pathname !== guideUrl);
        assert.equal(await page.locator('h1').innerText(), title);
    });

    await ctx.step('a new member creates an API token, sees it once, revokes it', async () => {
        const email = 'lecteur-compte@example.org';
        await page.goto('/connexion');
        await page.getByLabel('Adresse électronique').fill(email);
        await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
        const mail = await ctx.mail.waitFor({ to: email, subjectIncludes: 'connexion' });
        await page.goto(ctx.linkIn(mail.text, '/connexion/lien'));
        await page.getByLabel('Nom affiché').fill('Lecteur Compte');
        await page.getByRole('button', { name: /Créer mon compte/ }).click();
        await page.waitForURL(/\/compte\?bienvenue=1/);
        await page.getByText('Bienvenue sur Passerelle IAE !').waitFor();
        await ctx.checkA11y(page, 'compte');
        await ctx.screenshot(page, 'compte-bienvenue');

        await page.getByLabel('Nom du jeton').fill('Tableur de suivi');
        await page.getByRole('button', { name: 'Créer le jeton' }).click();
        const secret = (await page.locator('#secret-jeton').innerText()).trim();
        assert.match(secret, /^kb_[A-Za-z0-9_-]{43}$/);
        await ctx.checkA11y(page, 'compte-jeton');
        await ctx.screenshot(page, 'compte-jeton');
        assert.equal((await ctx.api('GET', '/api/v1/me', { token: secret })).status, 200);

        await page.goto('/compte');
        assert.equal(await page.locator('#secret-jeton').count(), 0);
        assert.ok(!(await page.content()).includes(secret));
        await page.getByRole('button', { name: 'Révoquer le jeton Tableur de suivi' }).click();
        await page.getByText('Le jeton est révoqué').waitFor();
        assert.equal(await page.getByRole('cell', { name: 'Tableur de suivi' }).count(), 0);
        assert.equal((await ctx.api('GET', '/api/v1/me', { token: secret })).status, 401);
    });

    await ctx.step('the experts directory filters by structure type', async () => {
        const aci = ctx.createUser('experte-aci-lecture', 'Experte Chantier', 'expert');
        const ei = ctx.createUser('expert-ei-lecture', 'Expert Entreprise', 'expert');
        for (const [who, type] of [[aci, 'ACI'], [ei, 'EI']]) {
            const r = await ctx.api('PUT', '/api/v1/me/profile', {
                token: who.token, body: { structure_type: type, territory: '59', topics: ['aide-au-poste'] },
            });
            assert.equal(r.status, 200, r.text);
        }
        await page.goto('/experts');
        await page.getByLabel('Type de structure').selectOption('ACI');
        await page.getByRole('button', { name: 'Filtrer' }).click();
        await page.waitForURL(/structure_type=ACI/);
        await page.getByRole('heading', { name: 'Experte Chantier' }).waitFor();
        assert.equal(await page.getByRole('heading', { name: 'Expert Entreprise' }).count(), 0);
        await ctx.checkA11y(page, 'experts');
        await ctx.screenshot(page, 'experts');
    });

    await ctx.step('the indicators page draws each weekly series beside its table', async () => {
        await page.goto('/indicateurs');
        assert.equal(await page.locator('h1').innerText(), 'Indicateurs de la communauté');
        const charts = page.getByRole('img', { name: /Part des questions résolues : série hebdomadaire/ });
        assert.equal(await charts.count(), 1);
        assert.ok(await page.locator('svg.kb-chart').count() >= 8);
        await page.getByRole('table', { name: 'Part des questions résolues, par semaine' }).waitFor();
        await ctx.checkA11y(page, 'indicateurs');
        await ctx.screenshot(page, 'indicateurs');
    });
}
