import type { ReactNode } from "react";
import { PageHeading } from "../../components/PageHeading.tsx";

/** The narrow single-column frame shared by the sign-in, registration and password pages. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6">
      <PageHeading>{title}</PageHeading>
      <div className="flex flex-col gap-4 rounded-lg border border-line bg-surface p-5">{children}</div>
    </div>
  );
}
