import "./styles.css";
import "./i18n/setup.ts";
import { StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { AppRoutes } from "./routes.tsx";

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
