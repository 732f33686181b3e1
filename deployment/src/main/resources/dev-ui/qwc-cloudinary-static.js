import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/button';
import '@vaadin/progress-bar';
import { accountBanner, accountStyles, errorMessage, guardPanel } from './qwc-cloudinary-account.js';

/**
 * Static resources: the manifest the build recorded, the upload with its progress, and the cleanup of static
 * resources that no kept deployment lists, with a dry run first. When the guard stops a cleanup, the page lists what
 * would have gone and lets the person confirm the exact number.
 */
export class QwcCloudinaryStatic extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = [accountStyles, css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        .facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1.5em; }
        .facts span:nth-child(odd) { color: var(--lumo-contrast-60pct); }
        .actions { display: flex; gap: 1em; align-items: center; }
        .warning { color: var(--lumo-error-text-color); }
        ul { margin: 0.3em 0; max-height: 20em; overflow: auto; font-family: var(--lumo-font-family-monospace, monospace); }
    `];

    static properties = {
        _overview: { state: true },
        _status: { state: true },
        _progress: { state: true },
        _uploading: { state: true },
        _redundant: { state: true },
        _dialog: { state: true },
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
        this.jsonRpc.getOverview().then(response => { this._overview = response.result; });
        this.jsonRpc.getStaticStatus().then(response => {
            this._status = response.result;
            this._progress = response.result.progress;
            if (this._progress.running) {
                this._startPolling();
            }
        });
    }

    render() {
        if (!this._status || !this._overview) {
            return html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>`;
        }
        const s = this._status;
        const p = this._progress;
        return html`
            ${accountBanner(this._overview)}
            <div class="facts">
                <span>Files in the manifest</span><span id="manifest-size">${s.manifestSize}</span>
                <span>Tag</span><span>${s.tag}</span>
                <span>Upload</span><span>${s.uploadMode}</span>
                <span>Kept previous deployments</span><span>${s.keepPreviousDeployments}</span>
                <span>Kept when younger than</span><span>${s.keepYoungerThan}</span>
                <span>Guard (most deletes per cleanup)</span><span id="guard">${s.maxDeletes} files, ${Math.round(s.maxDeleteRatio * 100)}% of the owned static files</span>
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
                <vaadin-button id="delete-redundant" theme="error" @click=${() => this._ask(null)}>
                    Delete redundant</vaadin-button>
            </div>
            <qwc-cloudinary-delete-dialog id="confirm-delete-redundant" .opened=${Boolean(this._dialog)}
                header="${this._dialog?.count == null ? 'Delete redundant static resources?' : 'Delete past the guard?'}"
                .message=${this._dialogMessage(s)} .account=${this._overview} .count=${this._dialog?.count ?? null}
                @confirm=${e => this._deleteRedundant(e.detail)} @closed=${() => { this._dialog = null; }}>
            </qwc-cloudinary-delete-dialog>
            ${this._error ? html`<div class="warning" id="static-error">${this._error}</div>` : ''}
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

    _dialogMessage(s) {
        if (this._dialog?.count != null) {
            return `The guard stopped the last cleanup. Deleting the ${this._dialog.count} files it listed goes ahead`
                + ' only if a new run finds exactly that many.';
        }
        return `Static resources of owner ${this._overview.owner} that neither this deployment nor the`
            + ` ${s.keepPreviousDeployments} previous ones list, and older than ${s.keepYoungerThan}, will be deleted.`;
    }

    _renderRedundant(r) {
        const guardStopped = r.guardTripped && !r.dryRun;
        return html`
            <div id="redundant-report" data-run="${r.dryRun ? 'dry-run' : guardStopped ? 'guard' : 'delete'}">
                <p>${r.dryRun ? 'Would delete' : guardStopped ? 'Stopped by the guard: deleted' : 'Deleted'}
                    <b id="redundant-deleted">${r.deleted.length}</b>, kept <b>${r.kept}</b>
                    (${r.keptForPreviousDeployments} for previous deployments, ${r.keptForOtherOwners} for other owners,
                    ${r.keptAsRecent} as recent), ${r.notOwned} of other owners left alone, ${r.requests} requests.</p>
                ${r.stoppedBecause ? html`<p class="warning">Stopped early: ${r.stoppedBecause}</p>` : ''}
                ${r.guardTripped ? guardPanel(r, r.held.length, html`<ul id="held">${r.held.map(id => html`<li>${id}</li>`)}</ul>`,
                    count => this._ask(count), false) : ''}
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
            .catch(error => { this._error = errorMessage(error); })
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

    /** @param count the number the person must type, after the guard stopped a cleanup; null for a plain delete */
    _ask(count) {
        this._dialog = { count };
    }

    _deleteRedundant(confirmation) {
        this._dialog = null;
        this._redundantCall(this.jsonRpc.deleteRedundantStaticResources({
            cloudName: confirmation.cloudName,
            confirmedDeletes: confirmation.confirmedDeletes
        }));
    }

    _redundantCall(call) {
        this._error = null;
        call.then(response => { this._redundant = response.result; })
            .catch(error => { this._error = errorMessage(error); });
    }
}
customElements.define('qwc-cloudinary-static', QwcCloudinaryStatic);
