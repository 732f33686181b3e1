import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/button';
import '@vaadin/confirm-dialog';
import '@vaadin/progress-bar';

/**
 * Static resources: the manifest the build recorded, the upload with its progress, and the cleanup of static
 * resources that no kept deployment lists, with a dry run first.
 */
export class QwcCloudinaryStatic extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        .facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1.5em; }
        .facts span:nth-child(odd) { color: var(--lumo-contrast-60pct); }
        .actions { display: flex; gap: 1em; align-items: center; }
        .warning { color: var(--lumo-error-text-color); }
        ul { margin: 0.3em 0; max-height: 20em; overflow: auto; font-family: var(--lumo-font-family-monospace, monospace); }
    `;

    static properties = {
        _status: { state: true },
        _progress: { state: true },
        _uploading: { state: true },
        _redundant: { state: true },
        _confirming: { state: true },
        _error: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this.hotReload();
    }

    disconnectedCallback() {
        this._stopPolling();
        super.disconnectedCallback();
    }

    hotReload() {
        this.jsonRpc.getStaticStatus().then(response => {
            this._status = response.result;
            this._progress = response.result.progress;
            if (this._progress.running) {
                this._startPolling();
            }
        });
    }

    render() {
        if (!this._status) {
            return html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>`;
        }
        const s = this._status;
        const p = this._progress;
        return html`
            <div class="facts">
                <span>Files in the manifest</span><span id="manifest-size">${s.manifestSize}</span>
                <span>Tag</span><span>${s.tag}</span>
                <span>Upload</span><span>${s.uploadMode}</span>
                <span>Kept previous deployments</span><span>${s.keepPreviousDeployments}</span>
                <span>Kept when younger than</span><span>${s.keepYoungerThan}</span>
            </div>
            <div class="actions">
                <vaadin-button id="upload-static" theme="primary" ?disabled=${this._uploading} @click=${this._upload}>
                    Upload static resources</vaadin-button>
                ${p && (p.running || this._uploading) ? html`
                    <vaadin-progress-bar id="upload-progress" style="width: 16em" min="0" max="${Math.max(p.total, 1)}"
                        value="${p.done}"></vaadin-progress-bar><span>${p.done} / ${p.total}</span>` : ''}
            </div>
            ${s.lastUpload ? this._renderUpload(s.lastUpload) : html`<p>No upload has finished yet.</p>`}
            <h3>Redundant static resources</h3>
            <div class="actions">
                <vaadin-button id="find-redundant" @click=${this._findRedundant}>Find redundant (dry run)</vaadin-button>
                <vaadin-button id="delete-redundant" theme="error" @click=${() => { this._confirming = true; }}>
                    Delete redundant</vaadin-button>
            </div>
            <vaadin-confirm-dialog header="Delete redundant static resources?" .opened=${this._confirming}
                cancel-button-visible confirm-text="Delete" confirm-theme="error primary"
                @confirm=${this._deleteRedundant} @cancel=${() => { this._confirming = false; }}
                @opened-changed=${e => { this._confirming = e.detail.value; }}>
                Static resources that neither this deployment nor the ${s.keepPreviousDeployments} previous ones list,
                and older than ${s.keepYoungerThan}, will be deleted.
            </vaadin-confirm-dialog>
            ${this._error ? html`<div class="warning">${this._error}</div>` : ''}
            ${this._redundant ? this._renderRedundant(this._redundant) : ''}`;
    }

    _renderUpload(u) {
        return html`
            <div id="last-upload">
                <h3>Last upload <small>(${u.finishedAt}, ${u.duration}, ${u.requests} requests)</small></h3>
                <span>uploaded ${u.uploaded}, already there ${u.skipped}, failed ${u.failed}, ${u.bytes} bytes sent</span>
                ${u.failures.length ? html`<ul class="warning">${u.failures.map(f => html`<li>${f}</li>`)}</ul>` : ''}
            </div>`;
    }

    _renderRedundant(r) {
        return html`
            <div id="redundant-report">
                <p>${r.dryRun ? 'Would delete' : 'Deleted'} <b>${r.deleted.length}</b>, kept <b>${r.kept}</b>
                    (${r.keptForPreviousDeployments} for previous deployments, ${r.keptAsRecent} as recent),
                    ${r.requests} requests.</p>
                ${r.deleted.length ? html`<ul>${r.deleted.map(id => html`<li>${id}</li>`)}</ul>` : ''}
            </div>`;
    }

    _upload() {
        this._uploading = true;
        this._error = null;
        this._progress = { running: true, done: 0, total: this._status.manifestSize };
        this._startPolling();
        this.jsonRpc.uploadStaticResources()
            .then(() => this.hotReload())
            .catch(error => { this._error = error.error?.message ?? String(error); })
            .finally(() => { this._uploading = false; this._stopPolling(); });
    }

    _startPolling() {
        if (this._poll) {
            return;
        }
        this._poll = setInterval(() => {
            this.jsonRpc.getStaticUploadProgress().then(response => {
                this._progress = response.result;
                if (!response.result.running && !this._uploading) {
                    this._stopPolling();
                    this.hotReload();
                }
            });
        }, 500);
    }

    _stopPolling() {
        if (this._poll) {
            clearInterval(this._poll);
            this._poll = null;
        }
    }

    _findRedundant() {
        this._redundantCall(this.jsonRpc.findRedundantStaticResources());
    }

    _deleteRedundant() {
        this._confirming = false;
        this._redundantCall(this.jsonRpc.deleteRedundantStaticResources());
    }

    _redundantCall(call) {
        this._error = null;
        call.then(response => { this._redundant = response.result; })
            .catch(error => { this._error = error.error?.message ?? String(error); });
    }
}
customElements.define('qwc-cloudinary-static', QwcCloudinaryStatic);
