import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

type ToastKind = "success" | "error" | "info";
interface ToastMessage {
  id: number;
  kind: ToastKind;
  text: string;
}

const TOAST_DURATION_MS = 6000;
const colors: Record<ToastKind, string> = {
  success: "bg-success text-white",
  error: "bg-danger text-white",
  info: "bg-ink text-white",
};
const ToastContext = createContext<(text: string, kind?: ToastKind) => void>(() => undefined);

/** Short confirmations ("Saved") announced by screen readers through a polite live region. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const show = useCallback((text: string, kind: ToastKind = "success") => {
    const id = Date.now() + Math.random();
    setToasts((current) => [...current, { id, kind, text }]);
    setTimeout(() => setToasts((current) => current.filter((toast) => toast.id !== id)), TOAST_DURATION_MS);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div role="status" aria-live="polite" className="fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4">
        {toasts.map((toast) => (
          <p key={toast.id} className={`w-full max-w-md rounded-md px-4 py-3 shadow-lg ${colors[toast.kind]}`}>
            {toast.text}
          </p>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
