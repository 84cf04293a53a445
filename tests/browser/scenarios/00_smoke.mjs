/// @brief Smoke test of the browser-test machinery on the routes of today (the pages will replace
/// it): chromium reaches the server, mail goes through the real SMTP server to ctx.mail with a link,
/// SQL reaches the test database, and the accessibility check does fail on a bad page.
import assert from 'node:assert/strict';

export default async function smoke(ctx) {
    const { page } = ctx;

    await ctx.step('the browser opens /healthz', async () => {
        const response = await page.goto('/healthz');
        assert.equal(response.status(), 200);
        assert.match(await page.locator('pre').first().innerText(), /"status":\s*"ok"/);
        await ctx.screenshot(page, 'healthz');
    });

    await ctx.step('an expert is mailed a matching question, with a link to it', async () => {
        const expert = ctx.createUser('expert-smoke', 'Experte Smoke', 'expert');
        const profile = await ctx.api('PUT', '/api/v1/me/profile', {
            token: expert.token, body: { contact_email: 'expert-smoke@example.org', structure_type: 'ACI' },
        });
        assert.equal(profile.status, 200, profile.text);
        const asker = ctx.createUser('asker-smoke', 'Porteur Smoke');
        const title = 'Quelles aides pour un premier ACI ?';
        const asked = await ctx.api('POST', '/api/v1/threads', {
            token: asker.token, body: { title, body: 'Nous ouvrons un ACI en 2027.', structure_type: 'ACI' },
        });
        assert.equal(asked.status, 201, asked.text);

        const mail = await ctx.mail.waitFor({ to: 'expert-smoke@example.org', subjectIncludes: title });
        const link = ctx.linkIn(mail.text, '/');
        assert.ok(link.startsWith(ctx.baseUrl) && link.includes(String(asked.body.id)), link);
        const rows = ctx.sql`SELECT n.sent_at IS NOT NULL AS sent FROM notifications n
                             JOIN users u ON u.id = n.recipient_id WHERE u.login = ${'expert-smoke'}`;
        assert.deepEqual(rows, [{ sent: 't' }]);
        ctx.shared.smokeThreadId = asked.body.id;
    });

    await ctx.step('the accessibility check fails on an image without text', async () => {
        await page.setContent('<!doctype html><html lang="fr"><head><title>t</title></head>' +
            '<body><main><h1>Essai</h1><img src="/healthz"></main></body></html>');
        await assert.rejects(ctx.checkA11y(page, 'image without alt'), /image-alt[\s\S]*at img/);
        await page.locator('img').evaluate((img) => img.setAttribute('alt', 'essai'));
        await ctx.checkA11y(page, 'image with alt');
    });
}
