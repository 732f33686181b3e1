import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/button';
import '@vaadin/grid';
import '@vaadin/progress-bar';
import { accountBanner, accountStyles, errorMessage, guardPanel } from './qwc-cloudinary-account.js';

/**
 * Orphaned media: a dry run lists what a cleanup would delete; the delete runs only after a confirmation, with the
 * same safeties as the scheduled job (ownership, grace period, exclusions, the guard, a re-check of references before
 * each delete batch). When the guard stops a run, the page lists what would have gone and lets the person confirm the
 * exact number. The "Candidates" section shows the names the application's changes dropped, waiting for their grace
 * period, and runs the candidate cleanup on request. The "Reconciliation" section shows how far the pass that lists every owned file over several runs got,
 * and when the next pass is due.
 */
export class QwcCloudinaryOrphans extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = [accountStyles, css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        .settings { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1.5em; }
        .settings span:nth-child(odd) { color: var(--lumo-contrast-60pct); }
        .actions { display: flex; gap: 1em; align-items: center; }
        .counts { display: flex; flex-wrap: wrap; gap: 0.5em 1.5em; }
        .counts b { font-size: var(--lumo-font-size-l); }
        .warning { color: var(--lumo-error-text-color); }
    `];

    static properties = {
        _overview: { state: true },
        _settings: { state: true },
        _reconciliation: { state: true },
        _candidates: { state: true },
        _candidateRun: { state: true },
        _report: { state: true },
        _busy: { state: true },
        _dialog: { state: true },
        _error: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this.hotReload();
    }

    hotReload() {
        this.jsonRpc.getOverview().then(response => { this._overview = response.result; });
        this.jsonRpc.getOrphanSettings().then(response => {
            this._settings = response.result;
            if (!this._report && this._settings.lastReport) {
                this._report = this._settings.lastReport;
            }
        });
        this._loadReconciliation();
        this._loadCandidates();
    }

    _loadCandidates() {
        this.jsonRpc.getCandidates()
            .then(response => {
                this._candidates = response.result;
                if (!this._candidateRun && this._candidates.lastRun) {
                    this._candidateRun = this._candidates.lastRun;
                }
            })
            .catch(error => { this._candidates = { error: errorMessage(error) }; });
    }

    _loadReconciliation() {
        this.jsonRpc.getReconciliationProgress()
            .then(response => { this._reconciliation = response.result; })
            .catch(error => { this._reconciliation = { error: errorMessage(error) }; });
    }

    render() {
        if (!this._settings || !this._overview) {
            return html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>`;
        }
        const s = this._settings;
        return html`
            ${accountBanner(this._overview)}
            <div class="settings">
                <span>Files of owner</span><span id="owner">${this._overview.owner}${this._overview.adoptUnmarked
                    ? ' (and unmarked files)' : ''}</span>
                <span>Media tag</span><span>${s.mediaTag}</span>
                <span>Grace period (younger files are kept)</span><span id="grace-period">${s.gracePeriod}</span>
                <span>Excluded paths</span><span id="exclusions">${s.excludePaths.length ? s.excludePaths.join(', ') : '(none)'}</span>
                <span>Guard (most deletes per run)</span><span id="guard">${s.maxDeletes} files, ${Math.round(s.maxDeleteRatio * 100)}% of the owned files scanned</span>
                <span>Scheduled cleanup</span><span>${s.cron === 'off' ? 'off' : s.cron + (s.scheduledDryRun ? ' (dry run)' : '')}</span>
            </div>
            <div class="actions">
                <vaadin-button id="find-orphans" theme="primary" ?disabled=${this._busy} @click=${this._find}>
                    Find orphans</vaadin-button>
                <vaadin-button id="delete-orphans" theme="error" ?disabled=${this._busy}
                    @click=${() => this._ask(null)}>Delete orphans</vaadin-button>
                ${this._busy ? html`<vaadin-progress-bar indeterminate style="width: 10em"></vaadin-progress-bar>` : ''}
            </div>
            <qwc-cloudinary-delete-dialog id="confirm-delete" .opened=${Boolean(this._dialog)}
                header="${this._dialog?.candidates ? 'Delete the due candidates?' : this._dialog?.count == null
                    ? 'Delete orphaned media?' : 'Delete past the guard?'}"
                .message=${this._dialogMessage(s)} .account=${this._overview} .count=${this._dialog?.count ?? null}
                @confirm=${e => this._dialog?.candidates ? this._cleanCandidates(e.detail) : this._delete(e.detail)}
                @closed=${() => { this._dialog = null; }}>
            </qwc-cloudinary-delete-dialog>
            ${this._error ? html`<div class="warning" id="orphans-error">${this._error}</div>` : ''}
            ${this._renderCandidates(this._candidates, this._candidateRun)}
            ${this._renderReconciliation(this._reconciliation)}
            ${this._report ? this._renderReport(this._report) : ''}`;
    }

    _renderCandidates(c, run) {
        if (!c) {
            return '';
        }
        if (c.error) {
            return html`<div id="candidates" class="warning">Candidates: ${c.error}</div>`;
        }
        return html`
            <div id="candidates" data-recording="${c.recording}">
                <h3>Candidates <small>(names the application's changes dropped; deleted after ${c.gracePeriod}, every
                    ${c.every}, with ${c.deleteWith})</small></h3>
                <div class="settings">
                    <span>Queue</span><span id="candidates-queue">${c.recording
                        ? `${c.waiting} waiting, ${c.due} due` + (c.oldestDrop ? `, oldest dropped ${c.oldestDrop}` : '')
                        : 'not recorded (quarkus.cloudinary.orphans.candidates.enabled)'}</span>
                    <span>Last run</span><span id="candidates-last-run">${run ? run.summary : 'none yet'}</span>
                </div>
                <div class="actions">
                    <vaadin-button id="clean-candidates" ?disabled=${this._busy || !c.recording || c.running}
                        @click=${() => this._askCandidates()}>Delete due candidates now</vaadin-button>
                </div>
                ${run && run.deletedNames.length ? html`<p id="candidates-deleted">Deleted: ${run.deletedNames.join(', ')}</p>` : ''}
            </div>`;
    }

    _askCandidates() {
        if (this._overview.realAccount) {
            this._dialog = { candidates: true, count: null };
        } else {
            this._cleanCandidates({});
        }
    }

    _cleanCandidates(confirmation) {
        this._dialog = null;
        this._busy = true;
        this._error = null;
        this.jsonRpc.cleanCandidates({ cloudName: confirmation.cloudName ?? null })
            .then(response => { this._candidateRun = response.result; })
            .catch(error => { this._error = errorMessage(error); })
            .finally(() => {
                this._busy = false;
                this._loadCandidates();
            });
    }

    _renderReconciliation(p) {
        if (!p) {
            return '';
        }
        if (p.error) {
            return html`<div id="reconciliation" class="warning">Reconciliation: ${p.error}</div>`;
        }
        const state = !p.passStartedAt ? 'not started' : p.passCompletedAt ? (p.waiting ? 'waiting' : 'due') : 'running';
        return html`
            <div id="reconciliation" data-state="${state}">
                <h3>Reconciliation <small>(one pass lists every owned file, at most ${p.maxCallsPerRun} Admin API
                    calls per run, a pass every ${p.interval})</small></h3>
                <div class="settings">
                    <span>Pass</span><span id="reconciliation-pass">${!p.passStartedAt ? 'no run yet'
                        : p.passCompletedAt ? `started ${p.passStartedAt}, complete since ${p.passCompletedAt}`
                        : `started ${p.passStartedAt}, next: the ${p.resourceType} files`}</span>
                    <span>Progress</span><span id="reconciliation-progress">${p.pages} pages, ${p.files} own files
                        listed, ${p.deleted} orphans deleted</span>
                    <span>Next pass due</span><span id="reconciliation-next">${p.nextPassDue
                        ? p.nextPassDue + (p.waiting ? ' (scheduled runs wait until then)' : ' (the next run starts it)')
                        : 'when this pass is complete'}</span>
                    <span>Last run</span><span id="reconciliation-last-run">${p.lastRunAt
                        ? `${p.lastRunAt}, ${p.lastRunCalls} Admin API calls` : 'none'}</span>
                    ${p.durable ? '' : html`<span>Kept</span><span class="warning">in memory only: a restart starts a new
                        pass</span>`}
                </div>
            </div>`;
    }

    _dialogMessage(s) {
        if (this._dialog?.candidates) {
            return `Files whose names this application's changes dropped more than ${this._candidates?.gracePeriod} ago`
                + ' will be deleted, each only if it is this application\'s and no row references it, checked right'
                + ' before its delete.';
        }
        if (this._dialog?.count != null) {
            return `The guard stopped the last run. Deleting the ${this._dialog.count} files it listed goes ahead only`
                + ' if a new run finds exactly that many; references are checked again right before each delete.';
        }
        return `Media files of owner ${this._overview.owner} that no @CloudinaryFile attribute references, older than`
            + ` ${s.gracePeriod} and outside the excluded paths, will be deleted from Cloudinary. References are`
            + ' checked again right before each delete.';
    }

    _renderReport(r) {
        const guardStopped = r.guardTripped && !r.dryRun;
        return html`
            <div id="orphan-report" data-run="${r.dryRun ? 'dry-run' : guardStopped ? 'guard' : 'delete'}">
                <h3>${r.dryRun ? 'Dry run: what a cleanup would delete' : guardStopped
                    ? 'Cleanup run stopped by the guard: nothing was deleted' : 'Cleanup run'}
                    <small>(${r.startedAt}, ${r.duration}, ${r.requests} Admin API requests)</small></h3>
                <div class="counts">
                    <span>own files scanned <b id="count-scanned">${r.scanned}</b></span>
                    <span>referenced <b id="count-referenced">${r.referenced}</b></span>
                    <span>excluded <b id="count-excluded">${r.excluded}</b></span>
                    <span>too young <b id="count-too-young">${r.tooYoung}</b></span>
                    <span>orphans found <b id="count-found">${r.orphansFound}</b></span>
                    <span>${r.dryRun ? 'would be deleted' : 'deleted'} <b id="count-deleted">${r.deleted}</b></span>
                    <span>failed <b id="count-failed">${r.failed}</b></span>
                    <span>others' files left alone <b id="count-not-owned">${r.notOwned}</b></span>
                    <span>orphaned bytes <b>${r.orphanBytes}</b></span>
                </div>
                ${r.complete ? '' : html`<p class="warning">Stopped early: ${r.stoppedBecause}</p>`}
                ${r.pass ? html`<p id="report-pass">${r.pass}</p>` : ''}
                ${r.guardTripped ? guardPanel(r, r.orphansFound, '', count => this._ask(count), this._busy) : ''}
                ${r.orphans.length === 0 ? html`<p id="no-orphans">No orphans.</p>` : html`
                    <vaadin-grid id="orphans" .items=${r.orphans} theme="row-stripes" all-rows-visible>
                        <vaadin-grid-column header="" width="64px" flex-grow="0"
                            .renderer=${(root, column, model) => this._thumbnail(root, model.item)}></vaadin-grid-column>
                        <vaadin-grid-column path="publicId" header="Public id" auto-width></vaadin-grid-column>
                        <vaadin-grid-column path="resourceType" header="Type" auto-width></vaadin-grid-column>
                        <vaadin-grid-column path="bytes" header="Bytes" auto-width></vaadin-grid-column>
                        <vaadin-grid-column path="createdAt" header="Created" auto-width></vaadin-grid-column>
                    </vaadin-grid>
                    ${r.orphansFound > r.orphans.length ? html`<p>… and ${r.orphansFound - r.orphans.length} more
                        (the report lists ${r.orphans.length}).</p>` : ''}`}
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

    /** @param count the number the person must type, after the guard stopped a run; null for a plain delete */
    _ask(count) {
        this._dialog = { count };
    }

    _find() {
        this._run(this.jsonRpc.findOrphans());
    }

    _delete(confirmation) {
        this._dialog = null;
        this._run(this.jsonRpc.deleteOrphans({
            cloudName: confirmation.cloudName,
            confirmedDeletes: confirmation.confirmedDeletes
        }));
    }

    _run(call) {
        this._busy = true;
        this._error = null;
        call.then(response => { this._report = response.result; })
            .catch(error => { this._error = errorMessage(error); })
            .finally(() => {
                this._busy = false;
                this._loadReconciliation();
            });
    }
}
customElements.define('qwc-cloudinary-orphans', QwcCloudinaryOrphans);
