import { useCallback, useEffect, useMemo, type Ref } from 'react';
import { draftSchedule, draftToConfig } from '../../state/draftConfig';
import { liveFigure } from '../../state/figures';
import { blockStats } from '../../state/labelMaps';
import { proportionsText, referenceImage, referenceMasses } from '../../state/reference';
import { canCancel, canStart } from '../../state/run';
import type { LabActions, LabState } from '../../state/store';
import { WORKBENCH_TABS, type WorkbenchTab } from '../../state/ui';
import { ExperimentBuilder } from '../builder/ExperimentBuilder';
import { readLabelMap } from '../partition/importLabelMap';
import { PartitionDesigner } from '../partition/PartitionDesigner';
import { LiveCurves } from '../live/LiveCurves';
import { SampleGrid } from '../live/SampleGrid';
import { RunPanel } from '../run/RunPanel';
import { SchedulePlot } from '../schedule/SchedulePlot';
import { useInk } from '../shell/useInk';

const TAB_TEXT: Record<WorkbenchTab, string> = { partition: 'Partition', schedule: 'Schedule', live: 'Live run' };

/** The workbench: build an experiment on the left; on the right, its partition, its schedule, or the run going on. */
export function WorkbenchView({ state, actions, presetRef }: { state: LabState; actions: LabActions; presetRef: Ref<HTMLSelectElement> }) {
  const { builder, partition, ui } = state;
  const draft = useMemo(() => draftToConfig(builder, partition), [builder, partition]);
  const schedule = useMemo(() => draftSchedule(builder.values), [builder.values]);
  const reference = useMemo(() => referenceImage(builder, partition), [builder, partition]);
  const masses = useMemo(() => (reference === null ? null : referenceMasses(reference.pixels, partition, builder.values.massMode)), [reference, partition, builder.values.massMode]);
  const blockCount = useMemo(() => blockStats(partition.labels).blockCount, [partition.labels]);
  const ink = useInk(ui.theme);
  const digitIndex = builder.values['data.kind'] === 'digits' ? Number(builder.values['data.heldOutIndex']) : Number.NaN;
  useEffect(() => {
    if (Number.isInteger(digitIndex) && digitIndex >= 0 && digitIndex <= 9999) actions.loadSample(digitIndex);
  }, [digitIndex, actions]);

  const onTargetsFromReference = useCallback(() => {
    if (masses !== null) actions.changeField('targets.values', proportionsText(masses));
  }, [masses, actions]);
  const onImport = (file: File) => {
    void readLabelMap(file).then((result) => {
      if ('error' in result) actions.editPartition({ type: 'partition/failed', message: result.error });
      else actions.editPartition({ type: 'partition/replaced', labels: result.labels, height: result.height, width: result.width, source: { kind: 'imported', name: file.name } });
    });
  };
  return (
    <div className="workbench">
      <ExperimentBuilder builder={builder} draft={draft} blockCount={blockCount} canRun={canStart(state.run)} canCancel={canCancel(state.run)} actions={actions} presetRef={presetRef}
        onTargetsFromReference={masses === null ? null : onTargetsFromReference} />
      <section className="panel workbench-right">
        <div className="tabs" role="tablist">
          {WORKBENCH_TABS.map((tab) => (
            <button key={tab} type="button" role="tab" className="tab" data-testid={`tab-${tab}`} aria-selected={ui.workbenchTab === tab} onClick={() => actions.showTab(tab)}>{TAB_TEXT[tab]}</button>
          ))}
        </div>
        <div className="panel-body" role="tabpanel">
          {ui.workbenchTab === 'partition' && (
            <PartitionDesigner partition={partition} reference={reference} masses={masses} problem={draft.issues.partition} onAction={actions.editPartition} onImport={onImport}
              onSave={actions.savePartition} onLoad={actions.loadPartition} onDelete={actions.deletePartition} />
          )}
          {ui.workbenchTab === 'schedule' && <SchedulePlot schedule={schedule} ink={ink} onExport={actions.showExport} />}
          {ui.workbenchTab === 'live' && (
            <>
              <RunPanel run={state.run} actions={actions} />
              <SampleGrid live={state.live} playing={state.run.status === 'running'} />
              <div className="toolbar"><span className="spacer" /><button type="button" data-testid="export-live" disabled={Object.keys(state.live.series).length === 0} onClick={() => actions.showExport(liveFigure(state.live, state.run.active?.name ?? 'run'))}>Export figures…</button></div>
              <LiveCurves series={state.live.series} runIds={state.live.runIds} variants={state.live.variants} ink={ink} widthPt={270} />
            </>
          )}
        </div>
      </section>
    </div>
  );
}
