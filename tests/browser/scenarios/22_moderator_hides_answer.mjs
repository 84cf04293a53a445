/// @brief Issue 16, item 4 (part): a moderator hides an answer from the thread page; visitors no
/// longer see it (nor the acceptance it carried); restoring brings both back.
import assert from 'node:assert/strict';

import { signIn } from '../lib/sign_in.mjs';

export default async function moderatorHidesAnswer(ctx) {
    const question = ctx.shared.question;
    assert.ok(question && ctx.shared.answerId, 'scenarios 20 and 21 made the thread and its answer');
    const { page } = ctx;
    const email = 'moderatrice@example.org';
    const anchor = `#reponse-${ctx.shared.answerId}`;

    await ctx.step('a moderator signs in', async () => {
        await signIn(ctx, page, email, 'Modératrice');
        ctx.sql`UPDATE users SET role = 'moderator' WHERE email = ${email}`;
    });

    await ctx.step('hides the answer', async () => {
        await page.goto(question.url);
        await page.locator(anchor).getByRole('button', { name: 'Masquer la réponse' }).click();
        await page.locator(anchor).getByText('Réponse masquée').waitFor();
        await ctx.checkA11y(page, 'thread, answer hidden (moderator)');
        await ctx.screenshot(page, 'reponse-masquee');
    });

    const visitor = await ctx.newPage();
    await ctx.step('visitors no longer see it, nor its acceptance', async () => {
        await visitor.goto(question.url);
        assert.equal(await visitor.locator(anchor).count(), 0);
        assert.equal(await visitor.getByText('budget prévisionnel').count(), 0);
        assert.equal(await visitor.locator('#statut-question').textContent(), 'Sans réponse');
    });

    await ctx.step('restoring brings both back', async () => {
        await page.locator(anchor).getByRole('button', { name: 'Rétablir la réponse' }).click();
        await page.locator(anchor).getByText('Réponse acceptée').waitFor();
        await visitor.reload();
        assert.equal(await visitor.locator(anchor).count(), 1);
        assert.equal(await visitor.locator('#statut-question').textContent(), 'Résolue');
    });
}
