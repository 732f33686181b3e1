import { LitElement, html, css } from 'lit';
import '@vaadin/button';
import '@vaadin/dialog';
import '@vaadin/icon';
import '@vaadin/integer-field';
import '@vaadin/text-field';
import { dialogFooterRenderer, dialogRenderer } from '@vaadin/dialog/lit.js';

/**
 * What every page of the card says, and what every delete asks, when the application talks to a real Cloudinary
 * account rather than an emulator: a developer's machine may well be pointed at production's account.
 */
export const accountStyles = css`
    .real-account { display: flex; gap: 0.8em; align-items: center; padding: 0.6em 1em;
        border-radius: var(--lumo-border-radius-m); background: var(--lumo-error-color-10pct);
        color: var(--lumo-error-text-color); border: 1px solid var(--lumo-error-color-50pct); }
    .real-account > span { white-space: nowrap; }
    .real-account b { font-size: var(--lumo-font-size-l); }
    .real-account small { color: var(--lumo-body-text-color); }
    .guard { display: flex; flex-direction: column; gap: 0.5em; padding: 0.8em 1em;
        border-radius: var(--lumo-border-radius-m); background: var(--lumo-warning-color-10pct, var(--lumo-contrast-5pct));
        border: 1px solid var(--lumo-warning-color, var(--lumo-contrast-30pct)); }
    .guard h3 { margin: 0; }
    .guard .actions { display: flex; gap: 1em; align-items: center; }
`;

/**
 * The banner at the top of every page on a real account; nothing on an emulator.
 *
 * @param overview the result of getOverview, or undefined while it loads
 */
export function accountBanner(overview) {
    if (!overview?.realAccount) {
        return '';
    }
    return html`
        <div class="real-account" id="real-account" role="alert">
            <vaadin-icon icon="font-awesome-solid:triangle-exclamation"></vaadin-icon>
            <span>Real account: <b id="real-account-cloud">${overview.cloudName}</b></span>
            <small>Uploads and deletes from this application act on Cloudinary's real account, as owner
                <code>${overview.owner}</code>. Deletes ask for the cloud name.</small>
        </div>`;
}

/**
 * Why the guard stopped a cleanup run, or would stop a real one after a dry run; after a stopped run, what would have
 * gone and the offer to delete exactly that many, which opens the delete dialog asking for the number.
 *
 * @param report a cleanup report: {@code dryRun} and {@code guardTripped}
 * @param count how many files the stopped run held
 * @param held a list of them, or '' when the page lists them elsewhere
 * @param override called when the person asks to confirm the number
 * @param busy whether a call is in progress
 */
export function guardPanel(report, count, held, override, busy) {
    if (report.dryRun) {
        return html`<div class="guard" id="guard-tripped"><span>A real run would stop before its first delete:
            ${report.guardTripped}</span></div>`;
    }
    return html`
        <div class="guard" id="guard-tripped">
            <h3>The guard stopped this run</h3>
            <span id="guard-reason">${report.guardTripped}</span>
            <span>These ${count} files would have gone. If that is right, confirm their number: the run then deletes
                them only if it still finds exactly that many.</span>
            ${held}
            <div class="actions">
                <vaadin-button id="override-guard" theme="error" ?disabled=${busy} @click=${() => override(count)}>
                    Delete these ${count} files…</vaadin-button>
            </div>
        </div>`;
}

/** The message of a failed JSON-RPC call, as the server wrote it, without the Dev UI's "Method [...] failed: ". */
export function errorMessage(error) {
    const message = error?.error?.message ?? String(error);
    return message.replace(/^Method \[[^\]]*\] failed: /, '');
}

/**
 * The confirmation of a delete. On a real account the person types the cloud name; after the guard stopped a run, the
 * person types the number of files it would delete. The Delete button stays disabled until what was typed matches,
 * and the server checks both again.
 *
 * Fires {@code confirm} with {@code {cloudName, confirmedDeletes}} (the typed name, or null on an emulator; the typed
 * number, or null when none was asked), and {@code closed} when the dialog closes either way.
 */
export class QwcCloudinaryDeleteDialog extends LitElement {

    static properties = {
        opened: { type: Boolean },
        header: { type: String },
        /** what will be deleted, in a sentence or two */
        message: { type: String },
        /** the getOverview result: whether the account is real, and its cloud name */
        account: { type: Object },
        /** the number of files to type after the guard stopped a run; null when no number is asked */
        count: { type: Number },
        _typedName: { state: true },
        _typedCount: { state: true }
    };

    constructor() {
        super();
        this.opened = false;
        this.count = null;
        this._typedName = '';
        this._typedCount = '';
    }

    willUpdate(changed) {
        if (changed.has('opened') && this.opened) {
            this._typedName = '';
            this._typedCount = '';
        }
    }

    render() {
        const state = [this.message, this.account, this.count, this._typedName, this._typedCount];
        return html`
            <vaadin-dialog header-title="${this.header}" .opened=${this.opened}
                @opened-changed=${e => { if (!e.detail.value && this.opened) { this._close(); } }}
                ${dialogRenderer(() => this._body(), state)}
                ${dialogFooterRenderer(() => this._footer(), state)}></vaadin-dialog>`;
    }

    _body() {
        const real = this._asksName();
        return html`
            <div style="display: flex; flex-direction: column; gap: 0.6em; max-width: 34em">
                <span id="delete-dialog-message">${this.message}</span>
                ${this._asksCount() ? html`
                    <vaadin-integer-field id="typed-count" label="Type the number of files to delete: ${this.count}"
                        .value=${this._typedCount} min="0"
                        @input=${e => { this._typedCount = e.target.value; }}></vaadin-integer-field>` : ''}
                ${real ? html`
                    <span>This is the real Cloudinary account <b>${this.account.cloudName}</b>, not an emulator.</span>
                    <vaadin-text-field id="typed-cloud-name" label="Type the cloud name to confirm"
                        placeholder="${this.account.cloudName}" .value=${this._typedName} autocomplete="off"
                        @input=${e => { this._typedName = e.target.value; }}></vaadin-text-field>` : ''}
            </div>`;
    }

    _footer() {
        return html`
            <vaadin-button id="delete-dialog-cancel" @click=${() => this._close()}>Cancel</vaadin-button>
            <vaadin-button id="delete-dialog-confirm" theme="primary error" ?disabled=${!this._matches()}
                @click=${() => this._confirm()}>Delete</vaadin-button>`;
    }

    _asksName() {
        return Boolean(this.account?.realAccount);
    }

    _asksCount() {
        return this.count !== null && this.count !== undefined;
    }

    _matches() {
        const nameMatches = !this._asksName() || this._typedName.trim() === this.account.cloudName;
        const countMatches = !this._asksCount() || (this._typedCount !== '' && Number(this._typedCount) === this.count);
        return nameMatches && countMatches;
    }

    _confirm() {
        if (!this._matches()) {
            return;
        }
        const detail = {
            cloudName: this._asksName() ? this._typedName.trim() : null,
            confirmedDeletes: this._asksCount() ? Number(this._typedCount) : null
        };
        this.dispatchEvent(new CustomEvent('confirm', { detail }));
        this._close();
    }

    _close() {
        this.opened = false;
        this.dispatchEvent(new CustomEvent('closed'));
    }
}
customElements.define('qwc-cloudinary-delete-dialog', QwcCloudinaryDeleteDialog);
