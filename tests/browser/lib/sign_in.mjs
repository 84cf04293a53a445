/// @brief Signing in as a person does: the e-mail on /connexion, the link read from the real SMTP
/// message, the display name asked the first time; then the page the sign-in leads to.
import assert from 'node:assert/strict';

/// Signs page in as email (creating the account named displayName the first time). Starts from
/// the sign-in page the browser is on (after a redirect, keeping its `retour`), else /connexion.
export async function signIn(ctx, page, email, displayName) {
    if (new URL(page.url(), ctx.baseUrl).pathname !== '/connexion') await page.goto('/connexion');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vérifiez votre messagerie' }).waitFor();
    const mail = await ctx.mail.waitFor({ to: email, subjectIncludes: 'connexion' });
    await page.goto(ctx.linkIn(mail.text, '/connexion/lien'));
    const name = page.getByLabel('Nom affiché');
    if (await name.count()) await name.fill(displayName);
    await page.getByRole('button', { name: /me connecter/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
    const cookies = await page.context().cookies();
    assert.ok(cookies.some((c) => c.name === 'kb_session' && c.httpOnly), 'a session cookie is set');
}
