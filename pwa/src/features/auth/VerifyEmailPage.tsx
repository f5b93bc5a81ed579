import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { Loading } from "../../components/states.tsx";
import { AuthCard } from "./AuthCard.tsx";
import { VerifyEmailMutation } from "./operations.ts";

type Outcome = { ok: true } | { ok: false; message: string };

export function VerifyEmailPage() {
  const { t } = useTranslation();
  const token = useSearchParams()[0].get("token");
  const [, verifyEmail] = useMutation(VerifyEmailMutation);
  const [outcome, setOutcome] = useState<Outcome | null>(token ? null : { ok: false, message: t("verify.missingToken") });
  // A token is single-use: StrictMode's second effect run must not spend it twice.
  const sentRef = useRef(false);

  useEffect(() => {
    if (!token || sentRef.current) return;
    sentRef.current = true;
    void verifyEmail({ input: { token } }).then((result) => {
      const answer = result.data?.verifyEmail;
      // A bad or spent link is a field error on the token ("the link is invalid or has expired"), more telling
      // than the error's general "check the form".
      const tokenError = answer && "fieldErrors" in answer ? answer.fieldErrors?.find((error) => error.path[0] === "token") : undefined;
      if (answer?.__typename === "VerifyEmailSuccess") setOutcome({ ok: true });
      else setOutcome({ ok: false, message: tokenError?.message ?? answer?.message ?? t("errors.unexpected") });
    });
  }, [token, verifyEmail, t]);

  return (
    <AuthCard title={t("verify.title")}>
      {!outcome && <Loading lines={1} />}
      {outcome?.ok && <p role="status">{t("verify.done")}</p>}
      {outcome && !outcome.ok && <p role="alert">{outcome.message}</p>}
      <p>
        <Link to="/prihlaseni">{t("verify.toLogin")}</Link>
      </p>
    </AuthCard>
  );
}
