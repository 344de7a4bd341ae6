import { memo, useEffect, useRef } from 'react';
import { cachedSegments, drawBoundaries, drawGray, prepareCanvas } from '../partition/drawing';

export interface FrameCanvasProps {
  readonly pixels: ArrayLike<number> | null;
  readonly labels: Int32Array | null;
  readonly height: number;
  readonly width: number;
  /** CSS pixels per image pixel. */
  readonly scale: number;
  readonly label: string;
  readonly testId?: string;
}

/** One sample frame (values shown clipped to the data range [0, 1]) with the partition's block boundaries over it. */
export const FrameCanvas = memo(function FrameCanvas({ pixels, labels, height, width, scale, label, testId }: FrameCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (canvas === null || height === 0) return;
    const ctx = prepareCanvas(canvas, height, width, scale);
    if (ctx === null) return;
    ctx.clearRect(0, 0, width, height);
    if (pixels === null) {
      ctx.fillStyle = 'rgba(128,128,128,0.15)';
      ctx.fillRect(0, 0, width, height);
    } else {
      drawGray(ctx, pixels, height, width);
    }
    if (labels !== null && labels.length === height * width) drawBoundaries(ctx, cachedSegments(labels, height, width), { color: 'rgba(230,159,0,0.9)', lineWidth: 1, scale });
  }, [pixels, labels, height, width, scale]);
  return <canvas ref={ref} className="frame-canvas" data-testid={testId} data-empty={pixels === null} role="img" aria-label={label} title={label} />;
});
