/**
 * The register's pupil picker (therapy/pupil-picker.tsx: search as you type, by name or UPN) for a pupil that is
 * optional: feedback or a complaint may be about no one pupil.
 */
import type { Ref } from 'react';
import { PupilPicker, type PickedPupil } from '../therapy/pupil-picker';

export function OptionalPupilPicker(props: {
  readonly value: PickedPupil | null;
  readonly onChange: (p: PickedPupil | null) => void;
  readonly onBlur?: () => void;
  readonly error?: string | null;
  readonly inputRef?: Ref<HTMLInputElement>;
  readonly label: string;
  readonly help: string;
}) {
  return <PupilPicker {...props} required={false} />;
}
