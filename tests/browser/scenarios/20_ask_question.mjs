/// @brief Issue 16, item 2: a project holder signs in by magic link (the link read from the real
/// SMTP message), asks a question while similar ones show up as the title is typed, and finds it
/// at once in the unanswered list and in search.
import assert from 'node:assert/strict';

import { signIn } from '../lib/sign_in.mjs';

export default async function askQuestion(ctx) {
    const { page } = ctx;
    const email = 'lea.porteuse@example.org';
    const earlier = 'Quelles pièces pour le dossier de conventionnement ?';
    const title = "Quelles pièces joindre au dossier de conventionnement d'un chantier ACI en Gironde ?";

    await ctx.step('someone asked a close question before', async () => {
        const other = ctx.createUser('porteur-precedent', 'Porteur précédent');
        const asked = await ctx.api('POST', '/api/v1/threads', {
            token: other.token,
            body: { title: earlier, body: 'Je prépare le dossier de demande : quelles pièces faut-il fournir ?' },
        });
        assert.equal(asked.status, 201, asked.text);
    });

    await ctx.step('the ask form asks to sign in first, by magic link', async () => {
        await page.goto('/questions/nouvelle');
        const url = new URL(page.url());
        assert.equal(url.pathname, '/connexion');
        assert.equal(url.searchParams.get('retour'), '/questions/nouvelle');
        await signIn(ctx, page, email, 'Léa, porteuse de projet');
        // A new member comes back to the page that asked for the sign-in.
        assert.equal(new URL(page.url()).pathname, '/questions/nouvelle');
    });

    let threadUrl;
    await ctx.step('asks, seeing similar questions while typing the title', async () => {
        await page.goto('/questions/nouvelle');
        await page.getByRole('heading', { level: 1, name: 'Poser une question' }).waitFor();
        const titleBox = page.getByLabel('Titre de la question');
        await titleBox.pressSequentially('Quelles pièces joindre au dossier', { delay: 20 });
        const similar = page.locator('#questions-similaires').getByRole('link', { name: earlier });
        await similar.waitFor();
        await titleBox.fill(title);
        await page.getByLabel('Votre question en détail').fill(
            "Nous créons un chantier d'insertion près de Bordeaux. Quelles pièces la DDETS attend-elle " +
            'dans le dossier de demande de conventionnement ?');
        await page.getByLabel('Thème', { exact: true }).selectOption('conventionnement');
        await page.getByLabel('Étape du conventionnement').selectOption('dossier-demande');
        await page.getByLabel('Type de structure', { exact: true }).selectOption('ACI');
        await page.getByRole('textbox', { name: /^Département/ }).fill('33');
        await ctx.checkA11y(page, 'ask form');
        await ctx.screenshot(page, 'question-nouvelle');
        await page.getByRole('button', { name: 'Publier la question' }).click();
        await page.waitForURL(/\/questions\/\d+$/);
        threadUrl = new URL(page.url()).pathname;
        assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), title);
        assert.equal(await page.locator('#statut-question').textContent(), 'Sans réponse');
        await ctx.checkA11y(page, 'thread page');
        await ctx.screenshot(page, 'question');
    });

    await ctx.step('finds it at once in the unanswered list', async () => {
        await page.goto('/questions');
        await page.getByRole('link', { name: 'Sans réponse' }).click();
        await page.waitForURL(/status=unanswered/);
        const link = page.locator('#liste-questions').getByRole('link', { name: title });
        assert.equal(await link.getAttribute('href'), threadUrl);
        await ctx.checkA11y(page, 'unanswered list');
        await ctx.screenshot(page, 'questions-sans-reponse');
    });

    await ctx.step('and at once in search', async () => {
        await page.goto('/recherche?q=' + encodeURIComponent('pièces chantier ACI Gironde'));
        const result = page.getByRole('link', { name: title });
        assert.equal(await result.getAttribute('href'), threadUrl);
        await ctx.screenshot(page, 'recherche');
    });

    ctx.shared.question = { url: threadUrl, title, askerEmail: email };
}
