/// @brief Issue 16, item 3: an expert whose profile matches sees the question under "Pour moi",
/// previews then posts an answer; the asker signs in from the thread, comes back to it, votes and
/// accepts; the thread shows as solved.
import assert from 'node:assert/strict';

import { signIn } from '../lib/sign_in.mjs';

export default async function expertAnswers(ctx) {
    const question = ctx.shared.question;
    assert.ok(question, 'scenario 20 asked the question');
    const { page } = ctx;
    const email = 'experte.aci@example.org';

    await ctx.step('an expert of ACI structures signs in', async () => {
        await signIn(ctx, page, email, 'Experte ACI Gironde');
        ctx.sql`UPDATE users SET role = 'expert', structure_type = 'ACI' WHERE email = ${email}`;
    });

    await ctx.step('sees the question under "Pour moi"', async () => {
        await page.goto('/questions');
        await page.getByRole('link', { name: 'Pour moi' }).click();
        await page.waitForURL(/for_me=true/);
        await page.getByRole('heading', { level: 1, name: 'Questions pour moi' }).waitFor();
        const link = page.locator('#liste-questions').getByRole('link', { name: question.title });
        assert.equal(await link.getAttribute('href'), question.url);
        await ctx.checkA11y(page, 'for me');
        await ctx.screenshot(page, 'pour-moi');
        await link.click();
        await page.waitForURL((url) => url.pathname === question.url);
    });

    await ctx.step('previews the answer, then posts it', async () => {
        await page.getByRole('textbox', { name: /^Réponse/ }).fill(
            'Le **Kbis** ou les statuts, le projet d’insertion et le budget prévisionnel.');
        await page.getByRole('button', { name: 'Prévisualiser' }).click();
        const preview = page.locator('#apercu-reponse strong');
        await preview.waitFor();
        assert.equal(await preview.innerText(), 'Kbis');
        assert.match(await page.getByRole('textbox', { name: /^Réponse/ }).inputValue(), /\*\*Kbis\*\*/);
        await ctx.checkA11y(page, 'answer preview');
        await ctx.screenshot(page, 'apercu');
        await page.getByRole('button', { name: 'Publier la réponse' }).click();
        await page.waitForURL(/#reponse-\d+$/);
        const answer = page.locator('.kb-answer').filter({ hasText: 'budget prévisionnel' });
        assert.equal(await answer.count(), 1);
        ctx.shared.answerId = (await answer.getAttribute('id')).replace('reponse-', '');
    });

    await ctx.step('the asker signs in from the thread and comes back to it', async () => {
        const asker = await ctx.newPage();
        await asker.goto(question.url);
        await asker.getByRole('link', { name: 'Se connecter pour répondre' }).click();
        await asker.waitForURL(/\/connexion\?retour=/);
        await signIn(ctx, asker, question.askerEmail, 'inutile : le compte existe');
        assert.equal(new URL(asker.url()).pathname, question.url);

        await asker.getByRole('button', { name: 'Voter pour cette réponse' }).click();
        await asker.getByRole('button', { name: 'Retirer mon vote' }).waitFor();
        assert.match(await asker.locator('.kb-votes').first().innerText(), /^1 vote$/);

        await asker.getByRole('button', { name: 'Accepter cette réponse' }).click();
        await asker.getByText('Réponse acceptée').waitFor();
        assert.equal(await asker.locator('#statut-question').textContent(), 'Résolue');
        await ctx.checkA11y(asker, 'solved thread');
        await ctx.screenshot(asker, 'resolue');
    });

    await ctx.step('the thread is listed as solved', async () => {
        const visitor = await ctx.newPage();
        await visitor.goto('/questions?status=solved');
        const item = visitor.locator('.kb-result').filter({ hasText: question.title });
        assert.equal((await item.locator('.fr-badge').first().textContent()).trim(), 'Résolue');
        await ctx.checkA11y(visitor, 'solved list');
    });
}
