import { useEffect, useRef, type PointerEvent } from 'react';
import { blockStats } from '../../state/labelMaps';
import type { PartitionAction, PartitionState } from '../../state/partition';
import { cachedSegments, drawBlockIds, drawBlocks, drawBoundaries, drawGray, prepareCanvas } from './drawing';

/** CSS pixels per image pixel: the map fills about `target` CSS pixels on its long side. */
export function canvasScale(height: number, width: number, target = 440): number {
  return Math.max(1, Math.floor(target / Math.max(height, width)));
}

/**
 * The label map over the reference image: blocks tinted in their palette colours, boundaries drawn,
 * ids at the centroids. Pointer input is the tool's: Voronoi adds a seed per click, the brush paints
 * strokes (one undo step each).
 */
export function PartitionCanvas({ partition, reference, onAction }: { partition: PartitionState; reference: Float64Array | null; onAction: (action: PartitionAction) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { height, width, labels, tool, source } = partition;
  const scale = canvasScale(height, width);

  useEffect(() => {
    const canvas = ref.current;
    if (canvas === null) return;
    const ctx = prepareCanvas(canvas, height, width, scale);
    if (ctx === null) return;
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, width, height);
    if (reference !== null && reference.length === height * width) drawGray(ctx, reference, height, width);
    drawBlocks(ctx, labels, height, width, reference === null ? 0.85 : 0.4);
    drawBoundaries(ctx, cachedSegments(labels, height, width), { color: 'rgba(0,0,0,0.85)', lineWidth: 1.5, scale });
    const stats = blockStats(labels);
    if (scale >= 6 && stats.blockCount <= 64) drawBlockIds(ctx, labels, { height, width, blockCount: stats.blockCount, scale });
    if (source.kind === 'voronoi') {
      ctx.fillStyle = '#fff';
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 1 / scale;
      for (const p of source.seeds) {
        ctx.beginPath();
        ctx.arc(p.x, p.y, 3 / scale, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
  }, [labels, height, width, scale, reference, source]);

  const at = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * width, y: ((event.clientY - box.top) / box.height) * height };
  };
  const onDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    if (tool === 'voronoi') onAction({ type: 'partition/seedAdded', at: at(event) });
    if (tool === 'brush') {
      event.currentTarget.setPointerCapture(event.pointerId);
      onAction({ type: 'partition/strokeStarted', at: at(event) });
    }
  };
  const onMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (tool === 'brush' && partition.strokeAt !== null) onAction({ type: 'partition/strokeMoved', at: at(event) });
  };
  const onUp = () => {
    if (partition.strokeAt !== null) onAction({ type: 'partition/strokeEnded' });
  };
  return (
    <canvas ref={ref} className={`partition-canvas tool-${tool}`} data-testid="partition-canvas" data-blocks={blockStats(labels).blockCount}
      role="img" aria-label={`Partition of ${height} × ${width} pixels`} onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp} />
  );
}
