import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/grid';
import '@vaadin/progress-bar';

/** Every @CloudinaryFile attribute the build found: these are the references orphan cleanup respects. */
export class QwcCloudinaryFields extends QwcHotReloadElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; padding: 0 1em; }
        vaadin-grid { height: 100%; }
        .empty { padding: 1em 0; }
    `;

    static properties = {
        _fields: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this.hotReload();
    }

    hotReload() {
        this.jsonRpc.getMediaFields().then(response => { this._fields = response.result; });
    }

    render() {
        if (!this._fields) {
            return html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>`;
        }
        if (this._fields.length === 0) {
            return html`<p class="empty">No entity field carries <code>@CloudinaryFile</code>.</p>`;
        }
        return html`
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
