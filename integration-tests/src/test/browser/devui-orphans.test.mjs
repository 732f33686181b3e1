// The Dev UI card in a real browser: the demo runs in dev mode on the emulator (started by .ci/run); this test creates
// an orphan, finds it and deletes it from the Orphans page, and checks through the emulator's Admin API that the orphan
// is gone while every file a row references is still there. Screenshots of each step go to
// integration-tests/target/browser-test/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const demo = process.env.DEMO_URL ?? 'http://localhost:8080';
const here = path.dirname(fileURLToPath(import.meta.url));
const screenshots = path.resolve(here, '../../../target/browser-test');
// the emulator Dev Service's account (quarkus.cloudinary.devservices.* defaults); only the emulator accepts it
const account = { cloud: 'dev-cloud', key: '111111111111111', secret: 'dev-secret' };
// a valid 1x1 PNG, small enough to inline
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
    'base64');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function post(url, form) {
    const response = await fetch(url, { method: 'POST', body: form, redirect: 'manual' });
    if (response.status >= 400) {
        assert.fail(`${url} answered ${response.status}: ${await response.text()}`);
    }
    return response;
}

/** What the emulator's Admin API says of one asset: 200 when it exists, 404 when not. */
async function adminStatus(emulator, resourceType, publicId) {
    const auth = Buffer.from(`${account.key}:${account.secret}`).toString('base64');
    const url = `${emulator}/v1_1/${account.cloud}/resources/${resourceType}/upload/${encodeURI(publicId)}`;
    const response = await fetch(url, { headers: { Authorization: `Basic ${auth}` } });
    return response.status;
}

/** The public id of a stored name: images and videos drop the extension, raw files keep it. */
function publicId(resourceType, storedName) {
    return resourceType === 'raw' ? storedName : storedName.replace(/\.[^./]+$/, '');
}

test('Find orphans, then Delete orphans, deletes the orphan and keeps every referenced file; static upload on demand', async () => {
    mkdirSync(screenshots, { recursive: true });
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'devui-chromium-'));
    const browser = await chromium.launchPersistentContext(userDataDir, {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        viewport: { width: 1400, height: 1000 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
    try {
        const page = browser.pages()[0] ?? await browser.newPage();

        // a row that references an image and a PDF, as a user of the demo page would create it
        const title = `browser test ${Date.now()}`;
        const item = new FormData();
        item.append('title', title);
        item.append('image', new Blob([png], { type: 'image/png' }), 'referenced.png');
        item.append('document', new Blob([pdf], { type: 'application/pdf' }), 'referenced.pdf');
        await post(`${demo}/items`, item);
        await page.goto(`${demo}/items/page`);
        await page.getByText(title).waitFor();
        await page.screenshot({ path: path.join(screenshots, '01-demo-items-page.png'), fullPage: true });

        // an orphan: stored with the media tag, referenced by no row
        const orphanName = `browser/orphan-${Date.now()}.png`;
        const orphan = new FormData();
        orphan.append('name', orphanName);
        orphan.append('file', new Blob([png], { type: 'image/png' }), 'orphan.png');
        const storedOrphan = await (await post(`${demo}/storage/image`, orphan)).text();
        const orphanId = publicId('image', storedOrphan);

        // the Overview page tells where the emulator runs
        await page.goto(`${demo}/q/dev-ui/quarkus-cloudinary-storage/overview`);
        const emulatorLink = page.locator('qwc-cloudinary-overview #emulator a');
        await emulatorLink.waitFor();
        const emulator = new URL(await emulatorLink.getAttribute('href')).origin;
        await page.screenshot({ path: path.join(screenshots, '02-devui-overview.png'), fullPage: true });
        assert.equal(await adminStatus(emulator, 'image', orphanId), 200, 'the orphan was stored');

        // older than the grace period (1h by default), as if it had been uploaded two hours ago
        const backdated = await fetch(`${emulator}/_emulator/assets/backdate?seconds=7200`, { method: 'POST' });
        assert.equal(backdated.status, 200);

        await page.goto(`${demo}/q/dev-ui/quarkus-cloudinary-storage/orphans`);
        await page.locator('#find-orphans').click();
        const report = page.locator('#orphan-report');
        await report.getByText('Dry run').waitFor();
        await report.getByText(orphanId).waitFor();
        await page.screenshot({ path: path.join(screenshots, '03-find-orphans-dry-run.png'), fullPage: true });
        assert.equal(await adminStatus(emulator, 'image', orphanId), 200, 'a dry run deletes nothing');

        await page.locator('#delete-orphans').click();
        const confirm = page.getByRole('button', { name: 'Delete', exact: true });
        await confirm.waitFor();
        await page.screenshot({ path: path.join(screenshots, '04-delete-orphans-confirmation.png'), fullPage: true });
        await confirm.click();
        await report.getByText('Cleanup run').waitFor({ timeout: 60000 });
        await page.screenshot({ path: path.join(screenshots, '05-delete-orphans-report.png'), fullPage: true });
        assert.notEqual(await page.locator('#count-deleted').textContent(), '0');
        assert.equal(await page.locator('#count-failed').textContent(), '0');

        assert.equal(await adminStatus(emulator, 'image', orphanId), 404, 'the orphan is gone');
        const items = await (await fetch(`${demo}/items`, { headers: { Accept: 'application/json' } })).json();
        assert.ok(items.some(i => i.title === title), 'the new row is listed');
        for (const row of items) {
            for (const [field, type] of [['image', 'image'], ['document', 'raw'], ['video', 'video']]) {
                if (row[field]) {
                    assert.equal(await adminStatus(emulator, type, publicId(type, row[field])), 200,
                        `${row[field]}, referenced by "${row.title}", is still there`);
                }
            }
        }

        // the Static resources page: an upload on demand (everything is there already), then the redundant dry run
        await page.goto(`${demo}/q/dev-ui/quarkus-cloudinary-storage/static-resources`);
        const manifestSize = Number(await page.locator('#manifest-size').textContent());
        assert.ok(manifestSize > 0, 'the demo has static resources');
        await page.locator('#upload-static').click();
        // everything went up on start: this run finds every file already there
        await page.locator('#last-upload').getByText(/uploaded 0, already there [1-9]/).waitFor({ timeout: 60000 });
        await page.locator('#find-redundant').click();
        await page.locator('#redundant-report').getByText('Would delete').waitFor();
        await page.screenshot({ path: path.join(screenshots, '06-static-resources.png'), fullPage: true });
    } finally {
        await browser.close();
        rmSync(userDataDir, { recursive: true, force: true });
    }
});
