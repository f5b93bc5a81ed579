import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "link";

const base = "inline-flex items-center gap-2 rounded-md font-medium disabled:cursor-not-allowed disabled:opacity-60";
// A box (the first three) has its size and padding; a link-like button has none, so it lines up with the text
// around it. (Two utilities for one property, px-4 and px-0, would not override each other by their order in the
// class string: the stylesheet's order decides.)
const box = "min-h-11 justify-center px-4 py-2";
const variants: Record<ButtonVariant, string> = {
  primary: `${box} bg-brand text-on-brand hover:brightness-110`,
  secondary: `${box} border border-line bg-surface text-ink hover:bg-page`,
  danger: `${box} bg-danger text-white hover:brightness-110`,
  link: "min-h-6 text-left text-brand-text underline underline-offset-2",
};

/** Classes for anything that should look like a button, including router links. */
export function buttonClass(variant: ButtonVariant = "primary", extra = ""): string {
  return `${base} ${variants[variant]} ${extra}`.trim();
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** Shows the button as busy and blocks double submission. */
  busy?: boolean;
}

export function Button({ variant = "primary", busy = false, className = "", type = "button", disabled, children, ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={buttonClass(variant, `${variant === "link" ? "" : "no-underline"} ${className}`)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {children}
    </button>
  );
}
