/** A stack of equally sized single-channel images in [0, 1], row-major, `count × height × width`. */
export interface ImageDataset {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly pixels: Float64Array;
}

/** What a run needs beyond its config, loaded by the host (Node reads the bundled digits). */
export interface RunInputs {
  readonly digits?: ImageDataset;
}

/** Image j of a dataset as a new array. */
export function datasetImage(dataset: ImageDataset, j: number): Float64Array {
  const size = dataset.height * dataset.width;
  return dataset.pixels.slice(j * size, (j + 1) * size);
}
