// The Dev UI card in a real browser: the demo runs in dev mode on the emulator Dev Service (started by .ci/run, once as
// it is and once declared a real account with -Dquarkus.cloudinary.emulator=false). This test creates an orphan, finds
// it and deletes it from the Orphans page; then seeds enough old orphans through the emulator's control endpoints to
// trip the guard, sees the refusal, types the number and confirms; the same for redundant static resources. After each
// delete it checks through the emulator's Admin API that exactly the expected files are gone and every file a row
// references answers 200. On a real account, every page shows the banner and every delete needs the cloud name typed.
// Screenshots of each step go to integration-tests/target/browser-test/, named after the mode.
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
const ownerKey = 'quarkus_storage_owner';
const resourceTypes = ['image', 'raw', 'video'];
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

function adminHeaders() {
    return { Authorization: `Basic ${Buffer.from(`${account.key}:${account.secret}`).toString('base64')}` };
}

/** What the emulator's Admin API says of one asset: 200 when it exists, 404 when not. */
async function adminStatus(emulator, resourceType, publicId) {
    const url = `${emulator}/v1_1/${account.cloud}/resources/${resourceType}/upload/${encodeURI(publicId)}`;
    return (await fetch(url, { headers: adminHeaders() })).status;
}

/** Every asset with a tag, as `type:publicId`, through the Admin API's listing by tag (all pages). */
async function tagged(emulator, tag) {
    const all = new Set();
    for (const type of resourceTypes) {
        let cursor = null;
        do {
            const url = new URL(`${emulator}/v1_1/${account.cloud}/resources/${type}/tags/${tag}`);
            url.searchParams.set('max_results', '500');
            if (cursor) {
                url.searchParams.set('next_cursor', cursor);
            }
            const page = await (await fetch(url, { headers: adminHeaders() })).json();
            page.resources.forEach(r => all.add(`${type}:${r.public_id}`));
            cursor = page.next_cursor;
        } while (cursor);
    }
    return all;
}

/** Creates `count` assets through the emulator's control endpoint, as this application's, created `ageSeconds` ago. */
async function seed(emulator, { resourceType, prefix, suffix, count, tag, ageSeconds, owner }) {
    const url = new URL(`${emulator}/_emulator/assets/seed`);
    Object.entries({ resource_type: resourceType, prefix, suffix, count, bytes: 16, tags: tag, age_seconds: ageSeconds,
        context: `${ownerKey}=${owner}` }).forEach(([key, value]) => url.searchParams.set(key, String(value)));
    const response = await fetch(url, { method: 'POST' });
    assert.equal(response.status, 200, await response.text());
    const digits = String(Math.max(count - 1, 0)).length;
    return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(digits, '0')}${suffix}`);
}

/** The public id of a stored name: images and videos drop the extension, raw files keep it. */
function publicId(resourceType, storedName) {
    return resourceType === 'raw' ? storedName : storedName.replace(/\.[^./]+$/, '');
}

/** Every file a row of the demo references answers 200. */
async function referencedFilesAreThere(emulator) {
    const items = await (await fetch(`${demo}/items`, { headers: { Accept: 'application/json' } })).json();
    for (const row of items) {
        for (const [field, type] of [['image', 'image'], ['document', 'raw'], ['video', 'video']]) {
            if (row[field]) {
                assert.equal(await adminStatus(emulator, type, publicId(type, row[field])), 200,
                    `${row[field]}, referenced by "${row.title}", is still there`);
            }
        }
    }
    return items;
}

/**
 * Confirms the open delete dialog as a person would: on a real account, a wrong cloud name first (Delete stays
 * disabled), then the right one; after the guard stopped a run, a wrong number first, then the right one.
 */
async function confirmDelete(page, real, count, shot) {
    const confirm = page.locator('#delete-dialog-confirm');
    await confirm.waitFor();
    if (count !== null) {
        await page.locator('#typed-count input').fill(String(count - 1));
        assert.ok(await confirm.isDisabled(), 'a wrong number leaves Delete disabled');
        await page.locator('#typed-count input').fill(String(count));
    }
    if (real) {
        await page.locator('#typed-cloud-name input').fill(`${account.cloud}-typo`);
        assert.ok(await confirm.isDisabled(), 'a wrong cloud name leaves Delete disabled');
        await page.locator('#typed-cloud-name input').fill(account.cloud);
    } else {
        assert.equal(await page.locator('#typed-cloud-name').count(), 0, 'an emulator asks for no cloud name');
    }
    assert.ok(await confirm.isEnabled(), 'what was typed matches: Delete is enabled');
    await page.screenshot({ path: shot, fullPage: true });
    await confirm.click();
}

test('Orphans and static resources: delete, guard refusal, override by number; every referenced file stays', async () => {
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
        const pageErrors = [];
        page.on('pageerror', error => pageErrors.push(error.message));

        // the Overview page tells where the emulator runs, whose files these are, and whether the account is real
        await page.goto(`${demo}/q/dev-ui/quarkus-cloudinary-storage/overview`);
        const emulatorLink = page.locator('qwc-cloudinary-overview #emulator a');
        await emulatorLink.waitFor();
        const emulator = new URL(await emulatorLink.getAttribute('href')).origin;
        const owner = (await page.locator('qwc-cloudinary-overview #owner').textContent()).trim();
        const real = (await page.locator('qwc-cloudinary-overview #account-kind').textContent()).includes('real');
        const mode = real ? 'real-account' : 'emulator';
        const shot = name => path.join(screenshots, `${mode}-${name}.png`);
        assert.ok(owner.endsWith(':dev'), `dev mode's owner: ${owner}`);
        await page.screenshot({ path: shot('01-devui-overview'), fullPage: true });

        // on a real account every page of the card says so; on the emulator none does
        for (const [tab, element] of [['overview', 'qwc-cloudinary-overview'], ['media-fields', 'qwc-cloudinary-fields'],
            ['orphans', 'qwc-cloudinary-orphans'], ['static-resources', 'qwc-cloudinary-static']]) {
            await page.goto(`${demo}/q/dev-ui/quarkus-cloudinary-storage/${tab}`);
            await page.locator(`${element} vaadin-button, ${element} vaadin-grid, ${element} table, ${element} .empty`)
                .first().waitFor();
            const banner = page.locator(`${element} #real-account`);
            if (real) {
                await banner.waitFor();
                assert.match(await banner.textContent(), new RegExp(`Real account: ${account.cloud}`));
            } else {
                assert.equal(await banner.count(), 0, `no real-account banner on ${tab}`);
            }
        }
        await page.goto(`${demo}/q/dev-ui/quarkus-cloudinary-storage/media-fields`);
        await page.locator('qwc-cloudinary-fields vaadin-grid').waitFor();
        await page.screenshot({ path: shot('02-devui-media-fields'), fullPage: true });

        // a row that references an image and a PDF, as a user of the demo page would create it
        const title = `browser test ${Date.now()}`;
        const item = new FormData();
        item.append('title', title);
        item.append('image', new Blob([png], { type: 'image/png' }), 'referenced.png');
        item.append('document', new Blob([pdf], { type: 'application/pdf' }), 'referenced.pdf');
        await post(`${demo}/items`, item);
        await page.goto(`${demo}/items/page`);
        await page.getByText(title).waitFor();
        await page.screenshot({ path: shot('03-demo-items-page'), fullPage: true });

        // an orphan: stored with the media tag, referenced by no row
        const orphanName = `browser/orphan-${Date.now()}.png`;
        const orphan = new FormData();
        orphan.append('name', orphanName);
        orphan.append('file', new Blob([png], { type: 'image/png' }), 'orphan.png');
        const orphanId = publicId('image', await (await post(`${demo}/storage/image`, orphan)).text());
        assert.equal(await adminStatus(emulator, 'image', orphanId), 200, 'the orphan was stored');
        // older than the grace period (1h by default), as if it had been uploaded two hours ago
        const backdated = await fetch(`${emulator}/_emulator/assets/backdate?seconds=7200`, { method: 'POST' });
        assert.equal(backdated.status, 200);

        await page.goto(`${demo}/q/dev-ui/quarkus-cloudinary-storage/orphans`);
        const report = page.locator('#orphan-report');
        await page.locator('#find-orphans').click();
        await page.locator('#orphan-report[data-run="dry-run"]').waitFor();
        await report.getByText(orphanId).waitFor();
        await page.screenshot({ path: shot('04-find-orphans-dry-run'), fullPage: true });
        assert.equal(await adminStatus(emulator, 'image', orphanId), 200, 'a dry run deletes nothing');

        let before = await tagged(emulator, 'media');
        await page.locator('#delete-orphans').click();
        await confirmDelete(page, real, null, shot('05-delete-orphans-confirmation'));
        await page.locator('#orphan-report[data-run="delete"]').waitFor({ timeout: 60000 });
        await page.screenshot({ path: shot('06-delete-orphans-report'), fullPage: true });
        assert.equal(await page.locator('#count-failed').textContent(), '0');
        assert.equal(await adminStatus(emulator, 'image', orphanId), 404, 'the orphan is gone');
        const deleted = Number(await page.locator('#count-deleted').textContent());
        let after = await tagged(emulator, 'media');
        assert.equal(before.size - after.size, deleted, 'as many files went as the report says');
        assert.ok([...after].every(file => before.has(file)));
        const items = await referencedFilesAreThere(emulator);
        assert.ok(items.some(i => i.title === title), 'the new row is listed');

        // the guard: more old orphans than the files the application still needs, as after a restart on an empty
        // database; the dry run says how many own files a run scans
        await page.locator('#find-orphans').click();
        await page.locator('#orphan-report[data-run="dry-run"]').waitFor();
        const scanned = Number(await page.locator('#count-scanned').textContent());
        const stamp = Date.now();
        // raw files: their bytes are no image, so the report shows no thumbnail for them
        const seeded = await seed(emulator, { resourceType: 'raw', prefix: `media/browser/guard-${stamp}-`,
            suffix: '.bin', count: scanned + 3, tag: 'media', ageSeconds: 7200, owner });
        before = await tagged(emulator, 'media');
        await page.locator('#delete-orphans').click();
        await confirmDelete(page, real, null, shot('07-delete-orphans-confirmation-before-guard'));
        const guard = page.locator('#guard-tripped');
        await page.locator('#orphan-report[data-run="guard"]').waitFor({ timeout: 60000 });
        await guard.getByText('The guard stopped this run').waitFor();
        assert.match(await page.locator('#guard-reason').textContent(), /max-delete-ratio/);
        assert.equal(await page.locator('#count-deleted').textContent(), '0');
        const held = Number(await page.locator('#count-found').textContent());
        assert.equal(held, seeded.length, 'the refused run holds exactly the seeded orphans');
        await report.getByText(seeded[0]).waitFor();
        await page.screenshot({ path: shot('08-guard-refusal'), fullPage: true });
        assert.deepEqual(await tagged(emulator, 'media'), before, 'the guard deleted nothing');

        await page.locator('#override-guard').click();
        await confirmDelete(page, real, held, shot('09-guard-override-typed-number'));
        await page.locator('#orphan-report[data-run="delete"]').waitFor({ timeout: 60000 });
        assert.equal(await page.locator('#count-deleted').textContent(), String(held));
        assert.equal(await guard.count(), 0, 'the confirmed run went past the guard');
        await page.screenshot({ path: shot('10-guard-override-report'), fullPage: true });
        after = await tagged(emulator, 'media');
        const gone = [...before].filter(file => !after.has(file)).sort();
        assert.deepEqual(gone, seeded.map(id => `raw:${id}`).sort(),
            'exactly the confirmed files are gone');
        await referencedFilesAreThere(emulator);

        // the Static resources page: an upload on demand, the redundant dry run, then a cleanup past the guard
        await page.goto(`${demo}/q/dev-ui/quarkus-cloudinary-storage/static-resources`);
        const manifestSize = Number(await page.locator('#manifest-size').textContent());
        assert.ok(manifestSize > 0, 'the demo has static resources');
        if (real) {
            // on a real account nothing went up on start
            await page.getByText('No upload has finished yet.').waitFor();
        }
        await page.locator('#upload-static').click();
        // on the emulator everything went up on start: this run finds every file already there
        await page.locator('#last-upload').getByText(real ? /failed 0/ : /uploaded 0, already there [1-9]/)
            .waitFor({ timeout: 60000 });
        const staticSeeded = await seed(emulator, { resourceType: 'raw', prefix: `static/js/browser-${stamp}-`,
            suffix: '.js', count: 2 * manifestSize + 3, tag: 'static', ageSeconds: 3 * 86400, owner });
        await page.locator('#find-redundant').click();
        await page.locator('#redundant-report[data-run="dry-run"]').waitFor();
        await page.locator('#redundant-report #guard-tripped').waitFor();
        await page.screenshot({ path: shot('11-static-resources-dry-run'), fullPage: true });
        const staticBefore = await tagged(emulator, 'static');
        await page.locator('#delete-redundant').click();
        await confirmDelete(page, real, null, shot('12-delete-redundant-confirmation'));
        await page.locator('#redundant-report[data-run="guard"]').waitFor({ timeout: 60000 });
        await page.locator('#redundant-report').getByText('The guard stopped this run').waitFor();
        const staticHeld = await page.locator('#held li').count();
        assert.ok(staticHeld >= staticSeeded.length, `the guard holds at least the seeded files: ${staticHeld}`);
        assert.deepEqual(await tagged(emulator, 'static'), staticBefore, 'the guard deleted nothing');
        await page.screenshot({ path: shot('13-static-guard-refusal'), fullPage: true });
        await page.locator('#redundant-report #override-guard').click();
        await confirmDelete(page, real, staticHeld, shot('14-static-guard-override-typed-number'));
        await page.locator('#redundant-report[data-run="delete"]').waitFor({ timeout: 60000 });
        assert.equal(await page.locator('#redundant-deleted').textContent(), String(staticHeld));
        await page.screenshot({ path: shot('15-static-guard-override-report'), fullPage: true });
        const staticAfter = await tagged(emulator, 'static');
        assert.equal(staticBefore.size - staticAfter.size, staticHeld, 'exactly the confirmed static files are gone');
        assert.ok(staticSeeded.every(id => !staticAfter.has(`raw:${id}`)), 'every seeded static file is gone');
        // the current deployment's files are all still delivered
        await page.locator('#find-redundant').click();
        await page.locator('#redundant-report[data-run="dry-run"]').waitFor();
        assert.equal(await page.locator('#redundant-deleted').textContent(), '0');
        await referencedFilesAreThere(emulator);

        assert.deepEqual(pageErrors, [], 'no script error on any page');
    } finally {
        await browser.close();
        rmSync(userDataDir, { recursive: true, force: true });
    }
});
