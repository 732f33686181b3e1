import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/progress-bar';
import { accountBanner, accountStyles } from './qwc-cloudinary-account.js';

/** Every @CloudinaryFile attribute the build found: these are the references orphan cleanup respects. */
export class QwcCloudinaryFields extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = [accountStyles, css`
        :host { display: flex; flex-direction: column; gap: 1em; height: 100%; padding: 0 1em; }
        .real-account { margin-top: 1em; }
        vaadin-grid { height: 100%; }
        .empty { padding: 1em 0; }
    `];

    static properties = {
        _overview: { state: true },
        _fields: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this.hotReload();
    }

    hotReload() {
        this.jsonRpc.getOverview().then(response => { this._overview = response.result; });
        this.jsonRpc.getMediaFields().then(response => { this._fields = response.result; });
    }

    render() {
        if (!this._fields) {
            return html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>`;
        }
        if (this._fields.length === 0) {
            return html`${accountBanner(this._overview)}
                <p class="empty">No entity field carries <code>@CloudinaryFile</code>.</p>`;
        }
        return html`
            ${accountBanner(this._overview)}
            <vaadin-grid .items="${this._fields}" theme="row-stripes no-border" all-rows-visible>
                <vaadin-grid-sort-column path="entity" header="Entity" auto-width></vaadin-grid-sort-column>
                <vaadin-grid-sort-column path="attribute" header="Attribute" auto-width></vaadin-grid-sort-column>
                <vaadin-grid-sort-column path="resourceType" header="Resource type" auto-width></vaadin-grid-sort-column>
                <vaadin-grid-column header="Folder" auto-width
                    .renderer="${(root, column, model) => { root.textContent = model.item.folder || '(none)'; }}">
                </vaadin-grid-column>
                <vaadin-grid-column header="Collection" auto-width
                    .renderer="${(root, column, model) => { root.textContent = model.item.collection ? 'yes' : ''; }}">
                </vaadin-grid-column>
                <vaadin-grid-column path="entityClass" header="Class" auto-width></vaadin-grid-column>
            </vaadin-grid>`;
    }
}
customElements.define('qwc-cloudinary-fields', QwcCloudinaryFields);
