import { useMemo } from 'react';
import { blockStats } from '../../state/labelMaps';
import type { PartitionAction, PartitionState } from '../../state/partition';
import type { ReferenceImage } from '../../state/reference';
import { BlockTable } from './BlockTable';
import { PartitionCanvas } from './PartitionCanvas';
import { PartitionLibrary } from './PartitionLibrary';
import { PartitionTools } from './PartitionTools';

export interface PartitionDesignerProps {
  readonly partition: PartitionState;
  readonly reference: ReferenceImage | null;
  readonly masses: Float64Array | null;
  /** Why the partition cannot be used (empty blocks, unassigned pixels, wrong size), or undefined. */
  readonly problem: string | undefined;
  onAction(action: PartitionAction): void;
  onImport(file: File): void;
  onSave(name: string): void;
  onLoad(id: string): void;
  onDelete(id: string): void;
}

const SOURCE_TEXT = { grid: 'grid', voronoi: 'Voronoi cells', painted: 'painted', imported: 'imported', library: 'from the library' } as const;

/** Step 2: the partition designer — tools, the map over the reference image, blocks with their pixel counts and masses. */
export function PartitionDesigner(props: PartitionDesignerProps) {
  const { partition } = props;
  const stats = useMemo(() => blockStats(partition.labels), [partition.labels]);
  const source = partition.source;
  return (
    <div className="designer" data-testid="partition-designer">
      <PartitionTools key={source.kind === 'grid' ? `${source.rows}x${source.cols}` : 'map'} partition={partition} blockCount={stats.blockCount} onAction={props.onAction} onImport={props.onImport} />
      {partition.error && <p className="field-error" role="alert" data-testid="partition-error">{partition.error}</p>}
      {props.problem && <p className="field-error" data-testid="error-partition">{props.problem}</p>}
      <div className="designer-main">
        <div className="designer-canvas">
          <PartitionCanvas partition={partition} reference={props.reference?.pixels ?? null} onAction={props.onAction} />
          <p className="hint" data-testid="partition-summary">
            {partition.height} × {partition.width} pixels, K = {stats.blockCount} block{stats.blockCount === 1 ? '' : 's'} ({source.kind === 'grid' ? `${source.rows} × ${source.cols} grid` : SOURCE_TEXT[source.kind]}
            {source.kind === 'imported' || source.kind === 'library' ? `: ${source.name}` : ''}){stats.unassigned > 0 ? `, ${stats.unassigned} unassigned` : ''}.
            {props.reference ? ` Behind it: ${props.reference.caption}.` : ' No reference image for these data.'}
          </p>
        </div>
        <div className="designer-side">
          <BlockTable counts={stats.counts} masses={props.masses} selected={partition.brush.block} onSelect={(block) => props.onAction({ type: 'partition/brush', block })} />
          <PartitionLibrary items={partition.library} canSave={props.problem === undefined} onSave={props.onSave} onLoad={props.onLoad} onDelete={props.onDelete} />
        </div>
      </div>
    </div>
  );
}
