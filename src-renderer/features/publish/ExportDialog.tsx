import { useMemo, useRef, useState } from 'react';
import { VENUE_WIDTHS_PT, type VenuePreset } from '../../figures/style';
import { figureLayout, type FigureSpec } from '../../state/figureSpec';
import type { LabActions } from '../../state/store';
import { buildFigureFiles, type ExportFormat } from './exportFiles';
import { FigurePreview } from './FigurePreview';

const VENUES: Record<VenuePreset, string> = { 'single-column': 'Single column (3.375 in)', 'double-column': 'Double column (6.75 in)', 'neurips-text': 'NeurIPS / ICLR text (5.5 in)' };
const FORMATS: readonly ExportFormat[] = ['svg', 'pdf', 'png'];

/** Publish a figure: venue width, formats, DPI; a preview in publication style; the files written with their provenance and the CSV beside them. */
export function ExportDialog({ spec, appVersion, actions }: { spec: FigureSpec; appVersion: string; actions: LabActions }) {
  const [name, setName] = useState(spec.name);
  const [venue, setVenue] = useState<VenuePreset>(spec.panels.length > 2 ? 'double-column' : 'single-column');
  const [formats, setFormats] = useState<readonly ExportFormat[]>(FORMATS);
  const [dpi, setDpi] = useState(300);
  const [embedFont, setEmbedFont] = useState(false);
  const [state, setState] = useState<{ busy: boolean; paths: string[]; error: string | null }>({ busy: false, paths: [], error: null });
  const preview = useRef<HTMLDivElement>(null);
  const layout = useMemo(() => figureLayout(spec.panels.length, venue), [spec.panels.length, venue]);
  const named = { ...spec, name: name.trim() || spec.name };

  const run = async () => {
    if (preview.current === null) return;
    setState({ busy: true, paths: [], error: null });
    try {
      const configHashes = spec.runIds.length === 0 ? [] : await actions.configHashes(spec.runIds);
      const meta = { figure: named.name, runIds: spec.runIds, configHashes, appVersion, created: new Date().toISOString(), venue, dpi };
      const files = await buildFigureFiles(preview.current, named, { layout, formats, dpi, embedFontInSvg: embedFont, meta });
      const paths = await actions.saveFigureFiles(named, files, { venue, widthPt: layout.widthPt, heightPt: layout.heightPt, dpi, palette: 'okabe-ito', configHashes });
      setState({ busy: false, paths, error: null });
    } catch (error) {
      setState({ busy: false, paths: [], error: (error as Error).message });
    }
  };
  const toggle = (f: ExportFormat) => setFormats(formats.includes(f) ? formats.filter((x) => x !== f) : [...formats, f]);
  return (
    <div className="overlay" role="presentation" onClick={() => actions.showExport(null)}>
      <div className="dialog export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog" onClick={(e) => e.stopPropagation()}>
        <div className="dialog-head">
          <h2 id="export-title">Export figure</h2>
          <button type="button" className="ghost" aria-label="Close" onClick={() => actions.showExport(null)}>×</button>
        </div>
        <div className="export-options">
          <label className="field">Name<input data-testid="export-name" value={name} onChange={(e) => setName(e.target.value)} /></label>
          <label className="field">Venue
            <select data-testid="export-venue" value={venue} onChange={(e) => setVenue(e.target.value as VenuePreset)}>
              {Object.entries(VENUES).map(([v, text]) => <option key={v} value={v}>{text} · {VENUE_WIDTHS_PT[v as VenuePreset]} pt</option>)}
            </select>
          </label>
          <label className="field">PNG resolution
            <select data-testid="export-dpi" value={dpi} onChange={(e) => setDpi(Number(e.target.value))}>
              {[150, 300, 600].map((d) => <option key={d} value={d}>{d} dpi</option>)}
            </select>
          </label>
        </div>
        <div className="toolbar">
          {FORMATS.map((f) => <label key={f} className="inline"><input type="checkbox" data-testid={`export-${f}`} checked={formats.includes(f)} onChange={() => toggle(f)} />{f.toUpperCase()}</label>)}
          <label className="inline" title="Adds ~740 KB; without it the SVG names DejaVu Sans, Helvetica, Arial"><input type="checkbox" data-testid="export-embed-font" checked={embedFont} onChange={(e) => setEmbedFont(e.target.checked)} />Embed the font in the SVG</label>
          <span className="hint">CSV of the plotted data always goes beside them.</span>
        </div>
        <div className="preview-frame"><FigurePreview ref={preview} spec={named} layout={layout} /></div>
        <p className="hint">{layout.widthPt} × {layout.heightPt} pt, Okabe–Ito colours, publication style in any theme. Metadata: {spec.runIds.length} run id(s), config hash, app version {appVersion}.</p>
        {state.error && <p className="message error" data-testid="export-error">{state.error}</p>}
        {state.paths.length > 0 && <ul className="export-paths" data-testid="export-paths">{state.paths.map((p) => <li key={p} className="code">{p}</li>)}</ul>}
        <div className="row buttons">
          <button type="button" className="primary" data-testid="export-run" disabled={state.busy || formats.length === 0} onClick={() => void run()}>{state.busy ? 'Exporting…' : 'Export'}</button>
          <button type="button" onClick={() => actions.showExport(null)}>Close</button>
        </div>
      </div>
    </div>
  );
}
