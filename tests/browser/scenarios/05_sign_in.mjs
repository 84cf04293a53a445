/// @brief The pages' foundation in a real browser: the home page and the search page pass the
/// accessibility check, a visitor signs in by magic link read from the real SMTP message (first
/// sign-in makes the account), a form posted without its token is refused, a used link and an
/// expired link are refused, an unknown address is an error page in the site's design.
import assert from 'node:assert/strict';

export default async function signIn(ctx) {
    const { page } = ctx;
    const email = 'camille.porteuse@example.org';

    await ctx.step('home and search pages', async () => {
        await page.goto('/');
        assert.equal(await page.locator('h1').count(), 1);
        await ctx.checkA11y(page, 'accueil');
        await ctx.screenshot(page, 'accueil');
        await page.goto('/recherche?q=aide+au+poste');
        assert.ok(await page.locator('.kb-result').count() > 0);
        await ctx.checkA11y(page, 'recherche');
        await ctx.screenshot(page, 'recherche');
        await page.goto('/recherche?q=xyzzyquux');
        await page.locator('#aucun-resultat').waitFor();
        assert.match(await page.locator('#aucun-resultat a').getAttribute('href'), /^\/questions\/nouvelle\?titre=xyzzyquux/);
        await ctx.checkA11y(page, 'recherche-vide');
    });

    await ctx.step('a form posted without its token is refused', async () => {
        await page.goto('/connexion');
        await page.locator('input[name="csrf"]').evaluate((input) => input.remove());
        await page.getByLabel('Adresse électronique').fill(email);
        await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
        await page.getByRole('heading', { level: 1, name: 'Formulaire refusé' }).waitFor();
        await ctx.checkA11y(page, 'formulaire-refuse');
        await ctx.screenshot(page, 'formulaire-refuse');
        assert.equal(ctx.mail.all().filter((m) => m.rcpt_tos.includes(email)).length, 0);
    });

    let link;
    await ctx.step('asks for a link and follows it from the mail', async () => {
        await page.goto('/connexion');
        await ctx.checkA11y(page, 'connexion');
        await ctx.screenshot(page, 'connexion');
        await page.getByLabel('Adresse électronique').fill(email);
        await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
        await page.getByRole('heading', { level: 1, name: 'Vérifiez votre messagerie' }).waitFor();
        await ctx.checkA11y(page, 'connexion-envoyee');
        const mail = await ctx.mail.waitFor({ to: email, subjectIncludes: 'connexion' });
        link = ctx.linkIn(mail.text, '/connexion/lien');
        await page.goto(link);
        await page.getByRole('heading', { level: 1, name: 'Créer votre compte' }).waitFor();
        await ctx.checkA11y(page, 'creer-compte');
        await ctx.screenshot(page, 'creer-compte');
        await page.getByLabel('Nom affiché').fill('Camille (projet d\'ACI)');
        await page.getByRole('button', { name: 'Créer mon compte et me connecter' }).click();
        await page.waitForURL(/\/compte/);
        await page.goto('/');
        assert.match(await page.locator('header').innerText(), /Camille \(projet d'ACI\)/);
    });

    await ctx.step('a used link is refused', async () => {
        const other = await ctx.newPage();
        const response = await other.goto(link);
        assert.equal(response.status(), 400);
        await other.getByRole('heading', { level: 1, name: 'Lien de connexion invalide' }).waitFor();
        await ctx.checkA11y(other, 'lien-utilise');
        await ctx.screenshot(other, 'lien-utilise');
    });

    await ctx.step('an expired link is refused', async () => {
        const other = await ctx.newPage();
        await other.goto('/connexion');
        await other.getByLabel('Adresse électronique').fill('en.retard@example.org');
        await other.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
        const mail = await ctx.mail.waitFor({ to: 'en.retard@example.org', subjectIncludes: 'connexion' });
        ctx.sql`UPDATE magic_links SET expires_at = now() - interval '1 second' WHERE email = ${'en.retard@example.org'}`;
        const response = await other.goto(ctx.linkIn(mail.text, '/connexion/lien'));
        assert.equal(response.status(), 400);
    });

    await ctx.step('an unknown address is a page of the site', async () => {
        const response = await page.goto('/cette-page-n-existe-pas');
        assert.equal(response.status(), 404);
        await page.getByRole('heading', { level: 1, name: 'Ressource introuvable' }).waitFor();
        await ctx.checkA11y(page, 'erreur-404');
        await ctx.screenshot(page, 'erreur-404');
    });

    await ctx.step('signs out', async () => {
        await page.goto('/');
        await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
        await page.waitForURL(/\/$/);
        await page.getByRole('link', { name: 'Se connecter' }).first().waitFor();
    });
}
