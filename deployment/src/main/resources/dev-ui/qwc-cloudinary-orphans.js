import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/button';
import '@vaadin/confirm-dialog';
import '@vaadin/grid';
import '@vaadin/progress-bar';

/**
 * Orphaned media: a dry run lists what a cleanup would delete; the delete runs only after a confirmation, with the
 * same safeties as the scheduled job (grace period, exclusions, a re-check of references before each delete batch).
 */
export class QwcCloudinaryOrphans extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        .settings { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1.5em; }
        .settings span:nth-child(odd) { color: var(--lumo-contrast-60pct); }
        .actions { display: flex; gap: 1em; align-items: center; }
        .counts { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }
        .counts b { font-size: var(--lumo-font-size-l); }
        .warning { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _settings: { state: true },
        _report: { state: true },
        _busy: { state: true },
        _confirming: { state: true },
        _error: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this.hotReload();
    }

    hotReload() {
        this.jsonRpc.getOrphanSettings().then(response => {
            this._settings = response.result;
            if (!this._report && this._settings.lastReport) {
                this._report = this._settings.lastReport;
            }
        });
    }

    render() {
        if (!this._settings) {
            return html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>`;
        }
        const s = this._settings;
        return html`
            <div class="settings">
                <span>Media files listed by tag</span><span>${s.mediaTag}</span>
                <span>Grace period (younger files are kept)</span><span id="grace-period">${s.gracePeriod}</span>
                <span>Excluded paths</span><span id="exclusions">${s.excludePaths.length ? s.excludePaths.join(', ') : '(none)'}</span>
                <span>Scheduled cleanup</span><span>${s.cron === 'off' ? 'off' : s.cron + (s.scheduledDryRun ? ' (dry run)' : '')}</span>
            </div>
            <div class="actions">
                <vaadin-button id="find-orphans" theme="primary" ?disabled=${this._busy} @click=${this._find}>
                    Find orphans</vaadin-button>
                <vaadin-button id="delete-orphans" theme="error" ?disabled=${this._busy}
                    @click=${() => { this._confirming = true; }}>Delete orphans</vaadin-button>
                ${this._busy ? html`<vaadin-progress-bar indeterminate style="width: 10em"></vaadin-progress-bar>` : ''}
            </div>
            <vaadin-confirm-dialog id="confirm-delete" header="Delete orphaned media?"
                .opened=${this._confirming} cancel-button-visible confirm-text="Delete" confirm-theme="error primary"
                @confirm=${this._delete} @cancel=${() => { this._confirming = false; }}
                @opened-changed=${e => { this._confirming = e.detail.value; }}>
                Media files that no @CloudinaryFile attribute references, older than ${s.gracePeriod} and outside the
                excluded paths, will be deleted from Cloudinary.
                References are checked again right before each delete.
            </vaadin-confirm-dialog>
            ${this._error ? html`<div class="warning" id="orphans-error">${this._error}</div>` : ''}
            ${this._report ? this._renderReport(this._report) : ''}`;
    }

    _renderReport(r) {
        return html`
            <div id="orphan-report">
                <h3>${r.dryRun ? 'Dry run: what a cleanup would delete' : 'Cleanup run'} <small>(${r.startedAt},
                    ${r.duration}, ${r.requests} Admin API requests)</small></h3>
                <div class="counts">
                    <span>scanned <b id="count-scanned">${r.scanned}</b></span>
                    <span>referenced <b id="count-referenced">${r.referenced}</b></span>
                    <span>excluded <b id="count-excluded">${r.excluded}</b></span>
                    <span>too young <b id="count-too-young">${r.tooYoung}</b></span>
                    <span>${r.dryRun ? 'would be deleted' : 'deleted'} <b id="count-deleted">${r.deleted}</b></span>
                    <span>failed <b id="count-failed">${r.failed}</b></span>
                    <span>orphaned bytes <b>${r.orphanBytes}</b></span>
                </div>
                ${r.complete ? '' : html`<p class="warning">Stopped early: ${r.stoppedBecause}</p>`}
                ${r.orphans.length === 0 ? html`<p id="no-orphans">No orphans.</p>` : html`
                    <vaadin-grid id="orphans" .items=${r.orphans} theme="row-stripes" all-rows-visible>
                        <vaadin-grid-column header="" width="64px" flex-grow="0"
                            .renderer=${(root, column, model) => this._thumbnail(root, model.item)}></vaadin-grid-column>
                        <vaadin-grid-column path="publicId" header="Public id" auto-width></vaadin-grid-column>
                        <vaadin-grid-column path="resourceType" header="Type" auto-width></vaadin-grid-column>
                        <vaadin-grid-column path="bytes" header="Bytes" auto-width></vaadin-grid-column>
                        <vaadin-grid-column path="createdAt" header="Created" auto-width></vaadin-grid-column>
                    </vaadin-grid>`}
            </div>`;
    }

    _thumbnail(root, item) {
        root.innerHTML = '';
        if (item.thumbnailUrl) {
            const img = document.createElement('img');
            img.style.cssText = 'width:48px;height:48px;object-fit:cover;border-radius:4px';
            img.src = item.thumbnailUrl;
            img.alt = item.publicId;
            root.appendChild(img);
        } else {
            root.textContent = item.resourceType;
        }
    }

    _find() {
        this._run(this.jsonRpc.findOrphans());
    }

    _delete() {
        this._confirming = false;
        this._run(this.jsonRpc.deleteOrphans());
    }

    _run(call) {
        this._busy = true;
        this._error = null;
        call.then(response => { this._report = response.result; })
            .catch(error => { this._error = error.error?.message ?? String(error); })
            .finally(() => { this._busy = false; });
    }
}
customElements.define('qwc-cloudinary-orphans', QwcCloudinaryOrphans);
