import type { ButtonHTMLAttributes } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "link";

const base =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 py-2 font-medium disabled:cursor-not-allowed disabled:opacity-60";
const variants: Record<ButtonVariant, string> = {
  primary: "bg-brand text-on-brand hover:brightness-110",
  secondary: "border border-line bg-surface text-ink hover:bg-page",
  danger: "bg-danger text-white hover:brightness-110",
  link: "min-h-0 px-0 py-0 text-brand-text underline underline-offset-2",
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
