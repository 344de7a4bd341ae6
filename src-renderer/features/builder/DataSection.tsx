import { useState, type DragEvent } from 'react';
import type { UserImage } from '../../state/builder';
import { decodeImageFiles } from './decodeImages';
import { AreaField, FieldError, Section, SelectField, TextField, type FormView } from './fields';

const DATA_KINDS = { 'toy-blocks': 'Toy: block-constant images', digits: 'Digits (MNIST subset, 28 × 28)', gmm: 'Gaussian mixture (exact)', images: 'My images (PNG, JPEG)' };

interface ImagesProps {
  readonly images: readonly UserImage[];
  readonly errors: readonly string[];
  onAdd(images: readonly UserImage[], errors: readonly string[]): void;
  onRemove(index: number): void;
}

/** The user's images: a file picker and a drop zone; unreadable files are named, the rest kept. */
function ImagesInput({ form, images, errors, onAdd, onRemove }: ImagesProps & { form: FormView }) {
  const [over, setOver] = useState(false);
  const add = async (files: readonly File[]) => {
    const decoded = await decodeImageFiles(files);
    onAdd(decoded.images, decoded.errors);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void add([...event.dataTransfer.files]);
  };
  return (
    <div className={over ? 'drop-zone over' : 'drop-zone'} data-testid="images-drop" onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}>
      <p>Drop images here, or <label className="file-button">choose files<input type="file" accept="image/*" multiple data-testid="images-input" onChange={(e) => { void add([...(e.target.files ?? [])]); e.target.value = ''; }} /></label>. Each is read as grayscale and resized to H × W.</p>
      {images.length > 0 && (
        <ul className="image-list" data-testid="images-list">
          {images.map((image, i) => (
            <li key={`${image.name}-${i}`}>
              <span className="mono">{i}</span> {image.name} <span className="muted">({image.width} × {image.height})</span>
              <button type="button" className="ghost" aria-label={`Remove ${image.name}`} onClick={() => onRemove(i)}>×</button>
            </li>
          ))}
        </ul>
      )}
      {errors.map((e) => <p key={e} className="field-error" data-testid="images-error">{e}</p>)}
      <FieldError form={form} k="data.images" />
    </div>
  );
}

/** Step 1: the data family and its parameters (every one editable). */
export function DataSection({ form, ...images }: ImagesProps & { form: FormView }) {
  const kind = form.values['data.kind'];
  return (
    <Section title="Data" testId="section-data">
      <SelectField form={form} k="data.kind" label="Family" options={DATA_KINDS} />
      {kind === 'toy-blocks' && (
        <>
          <div className="grid3">
            <TextField form={form} k="data.height" label="Height H" />
            <TextField form={form} k="data.width" label="Width W" />
            <TextField form={form} k="data.dataSeed" label="Data seed" />
          </div>
          <div className="grid3">
            <TextField form={form} k="data.valueMin" label="Block value min" />
            <TextField form={form} k="data.valueMax" label="Block value max" />
          </div>
          <TextField form={form} k="denoiser.blurSigma" label="Oracle blur σ_b (px)" />
          <TextField form={form} k="denoiser.noiseStd" label="Oracle noise σ_err" />
        </>
      )}
      {kind === 'digits' && (
        <div className="grid3">
          <TextField form={form} k="data.trainCount" label="Training digits" />
          <TextField form={form} k="data.heldOutIndex" label="Held-out digit (reference)" />
        </div>
      )}
      {kind === 'gmm' && (
        <>
          <div className="grid3">
            <TextField form={form} k="data.height" label="Height" />
            <TextField form={form} k="data.width" label="Width" />
          </div>
          <AreaField form={form} k="data.components" label="Components (JSON: weight, mean, std)" rows={4} />
        </>
      )}
      {kind === 'images' && (
        <>
          <div className="grid3">
            <TextField form={form} k="data.height" label="Height H" />
            <TextField form={form} k="data.width" label="Width W" />
            <TextField form={form} k="data.heldOutIndex" label="Reference image #" />
          </div>
          <ImagesInput form={form} {...images} />
        </>
      )}
      <p className="hint">Denoiser: {kind === 'toy-blocks' ? 'the toy oracle (blur + noise leak)' : kind === 'gmm' ? 'the exact GMM posterior mean' : 'the exact empirical posterior mean'}.</p>
    </Section>
  );
}
