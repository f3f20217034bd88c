// A labelled form control with its field-level error, wired for screen readers (aria-invalid,
// aria-describedby, and an aria-live region so an error that appears after submit is announced).
import type { ReactNode } from "react";

type FieldProps = {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
};

export function Field({ id, label, error, hint, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, "aria-invalid": !!error, "aria-describedby": describedBy })}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <p id={errorId} aria-live="polite" className="min-h-4 text-xs font-medium text-red-700">
        {error ?? ""}
      </p>
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 " +
  "focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500 " +
  "disabled:bg-slate-100";

export type Choice = { id: string; label: string };

type SelectFieldProps = {
  id: string;
  name: string;
  label: string;
  choices: Choice[];
  /** The first option, with an empty value: "Choose a provider…" for a required choice, "None" for an optional one. */
  empty: string;
  required?: boolean;
  defaultValue?: string;
  error?: string;
  hint?: ReactNode;
};

/** A labelled <select> over a list of objects (providers, home agents, aggregates…) with its field-level error. */
export function SelectField({ id, name, label, choices, empty, required, defaultValue, error, hint }: SelectFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(aria) => (
        <select {...aria} name={name} required={required} defaultValue={defaultValue ?? ""} className={inputClass}>
          <option value="">{empty}</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
