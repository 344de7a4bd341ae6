import type { InstrumentKind } from '../../../src-shared/ipc/contract';
import type { FigureInk } from '../../figures/style';
import { INSTRUMENT_TABS, type InstrumentsState } from '../../state/instruments';
import type { LabActions } from '../../state/store';
import { InstrumentEditor } from './InstrumentEditor';
import { InstrumentResults } from './InstrumentResults';

const TAB_TEXT: Record<InstrumentKind, string> = { schedules: 'Schedules', dynamics: 'Information dynamics', likelihood: 'Likelihood' };

/** The three instruments of the companion papers: a tab each, its config on the left, its curves on the right. */
export function InstrumentsView({ state, actions, ink }: { state: InstrumentsState; actions: LabActions; ink: FigureInk }) {
  return (
    <div className="instruments">
      <div className="tabs" role="tablist">
        {INSTRUMENT_TABS.map((tab) => (
          <button key={tab} type="button" role="tab" className="tab" data-testid={`itab-${tab}`} aria-selected={state.tab === tab} onClick={() => actions.showInstrumentTab(tab)}>{TAB_TEXT[tab]}</button>
        ))}
      </div>
      <div className="instruments-body" role="tabpanel">
        <InstrumentEditor kind={state.tab} state={state} actions={actions} />
        <InstrumentResults kind={state.tab} state={state} ink={ink} onExport={actions.showExport} onCloseComparison={actions.closeInstrumentComparison} />
      </div>
    </div>
  );
}
