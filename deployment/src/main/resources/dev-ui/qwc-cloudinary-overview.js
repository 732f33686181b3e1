import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/progress-bar';
import '@vaadin/icon';
import { ifDefined } from 'lit/directives/if-defined.js';
import { accountBanner, accountStyles, errorMessage } from './qwc-cloudinary-account.js';

/**
 * The account and client settings in effect, and whose files the cleanups may touch. The server never sends the API
 * key or secret, so nothing here can show them.
 */
export class QwcCloudinaryOverview extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = [accountStyles, css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 1em; }
        table { border-collapse: collapse; }
        th { text-align: left; font-weight: normal; color: var(--lumo-contrast-60pct); padding: 0.3em 2em 0.3em 0; }
        td { padding: 0.3em 0; font-family: var(--lumo-font-family-monospace, monospace); }
        .emulator { padding: 0.6em 1em; border-radius: var(--lumo-border-radius-m);
            background: var(--lumo-success-color-10pct); }
        .account { padding: 0.6em 1em; border-radius: var(--lumo-border-radius-m);
            background: var(--lumo-contrast-5pct); }
    `];

    static properties = {
        _overview: { state: true },
        _emulator: { state: true },
        _error: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this.hotReload();
    }

    hotReload() {
        this._error = null;
        this.jsonRpc.isEmulatorDevService().then(response => { this._emulator = response.result; });
        this.jsonRpc.getOverview()
            .then(response => { this._overview = response.result; })
            .catch(error => { this._error = errorMessage(error); });
    }

    render() {
        if (this._error) {
            return html`<div class="account">Could not read the settings: ${this._error}</div>`;
        }
        if (!this._overview) {
            return html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>`;
        }
        const o = this._overview;
        return html`
            ${accountBanner(o)}
            ${this._renderService(o)}
            <table>
                ${this._row('Cloud name', o.cloudName)}
                ${this._row('Account', o.realAccount ? 'real Cloudinary account' : 'emulator', 'account-kind')}
                ${this._row('Owner of this application\'s files', o.owner, 'owner')}
                ${this._row('Unmarked files adopted', o.adoptUnmarked ? 'yes' : 'no')}
                ${this._row('Upload and Admin API', o.apiBaseUrl)}
                ${this._row('Delivery', o.deliveryBaseUrl + '/' + o.cloudName)}
                ${this._row('Signature algorithm', o.signatureAlgorithm)}
                ${this._row('Media tag', o.mediaTag)}
                ${this._row('Media folder prefix', o.mediaPrefix || '(none)')}
                ${this._row('Media delivery type', o.mediaDeliveryType)}
                ${this._row('Static tag', o.staticTag)}
                ${this._row('Connect timeout', o.connectTimeout)}
                ${this._row('Read timeout', o.readTimeout)}
                ${this._row('Connection pool timeout', o.poolTimeout)}
                ${this._row('Max connections', o.maxConnections)}
                ${this._row('Retries of idempotent calls', o.maxRetries)}
                ${this._row('Longest wait for a rate limit reset', o.maxRateLimitWait)}
            </table>`;
    }

    _renderService(o) {
        const link = html`<a href="${o.apiBaseUrl}/_emulator/requests/count" target="_blank">${o.apiBaseUrl}</a>`;
        if (this._emulator && o.realAccount) {
            return html`<div class="account" id="emulator">The Cloudinary emulator Dev Service runs at ${link}, but
                quarkus.cloudinary.emulator=false declares the account real: this card treats it as one.</div>`;
        }
        if (this._emulator) {
            return html`<div class="emulator" id="emulator">The Cloudinary emulator Dev Service is in use at ${link}:
                no account is needed, nothing leaves this machine.</div>`;
        }
        if (!o.realAccount) {
            return html`<div class="emulator" id="emulator">An emulator serves this application at ${o.apiBaseUrl}
                (quarkus.cloudinary.emulator, or a loopback address).</div>`;
        }
        return html`<div class="account" id="emulator">Cloudinary credentials are configured (a CLOUDINARY_URL
            environment variable or quarkus.cloudinary.*), so no emulator was started: calls go to ${o.apiBaseUrl}.
            Unset them to use the emulator.</div>`;
    }

    _row(label, value, id) {
        return html`<tr><th>${label}</th><td id=${ifDefined(id)}>${value}</td></tr>`;
    }
}
customElements.define('qwc-cloudinary-overview', QwcCloudinaryOverview);
