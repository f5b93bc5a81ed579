import "./i18n/setup.ts";
import { startTransition, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { AppRoutes } from "./routes.tsx";

// A transition lets React render the first screen in short slices instead of one long task, so a slow phone
// stays responsive while the app starts (index.html's static outline is already on screen meanwhile).
startTransition(() => {
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      {/* Suspends only while a non-default language's texts load (see i18n/setup.ts). */}
      <Suspense fallback={null}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </Suspense>
    </StrictMode>,
  );
});
