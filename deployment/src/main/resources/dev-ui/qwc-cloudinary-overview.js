import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/progress-bar';
import '@vaadin/icon';

/**
 * The account and client settings in effect. The server never sends the API key or secret, so nothing here can show
 * them.
 */
export class QwcCloudinaryOverview extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: block; padding: 1em; }
        table { border-collapse: collapse; }
        th { text-align: left; font-weight: normal; color: var(--lumo-contrast-60pct); padding: 0.3em 2em 0.3em 0; }
        td { padding: 0.3em 0; font-family: var(--lumo-font-family-monospace, monospace); }
        .emulator { margin-bottom: 1em; padding: 0.6em 1em; border-radius: var(--lumo-border-radius-m);
            background: var(--lumo-success-color-10pct); }
        .account { margin-bottom: 1em; padding: 0.6em 1em; border-radius: var(--lumo-border-radius-m);
            background: var(--lumo-contrast-5pct); }
    `;

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
            .catch(error => { this._error = error.error?.message ?? String(error); });
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
            ${this._emulator
                ? html`<div class="emulator" id="emulator">
                        The Cloudinary emulator Dev Service is in use at <a href="${o.apiBaseUrl}/_emulator/requests/count"
                        target="_blank">${o.apiBaseUrl}</a>: no account is needed, nothing leaves this machine.
                      </div>`
                : html`<div class="account" id="emulator">A Cloudinary account is configured: calls go to
                        ${o.apiBaseUrl}.</div>`}
            <table>
                ${this._row('Cloud name', o.cloudName)}
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

    _row(label, value) {
        return html`<tr><th>${label}</th><td>${value}</td></tr>`;
    }
}
customElements.define('qwc-cloudinary-overview', QwcCloudinaryOverview);
