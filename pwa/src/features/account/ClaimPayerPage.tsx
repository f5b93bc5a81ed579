import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useMutation } from "urql";
import { z } from "zod";
import { Button } from "../../components/Button.tsx";
import { TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { useToast } from "../../components/Toast.tsx";
import { ClaimPayerMutation } from "./operations.ts";

const claimSchema = z.object({
  variableSymbol: z
    .string()
    .trim()
    .min(1, "validation.required")
    .regex(/^\d{1,10}$/, "personalAccount.claim.variableSymbolInvalid"),
  accessCode: z.string().trim().min(1, "validation.required").max(64, "personalAccount.claim.accessCodeInvalid"),
});

/**
 * Connects a payer to the account with the variable symbol and access code printed on a paper assessment (the
 * town sends one to every payer). A wrong pair is one error message whichever part is wrong.
 */
export function ClaimPayerPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const [, claim] = useMutation(ClaimPayerMutation);
  const form = useZodForm(claimSchema, { variableSymbol: "", accessCode: "" });

  const onSubmit = form.handleSubmit(async (input) => {
    const result = await claim({ input });
    const answer = result.data?.claimPayer;
    if (answer?.__typename !== "ClaimPayerSuccess") return form.fail(answer ?? result.error);
    toast(
      answer.alreadyLinked
        ? t("personalAccount.claim.alreadyLinked", { name: answer.payer.name })
        : t("personalAccount.claim.done", { name: answer.payer.name }),
    );
    navigate("/osobni-ucet");
  });

  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link to="/osobni-ucet">← {t("personalAccount.back")}</Link>
      </p>
      <PageHeading>{t("personalAccount.claim.title")}</PageHeading>
      <p className="max-w-prose">{t("personalAccount.claim.intro")}</p>
      <section className="flex max-w-lg flex-col gap-4 rounded-lg border border-line bg-surface p-5">
        <Form onSubmit={onSubmit} error={form.formError} label={t("personalAccount.claim.title")}>
          <TextField
            label={t("personalAccount.claim.variableSymbol")}
            hint={t("personalAccount.claim.variableSymbolHint")}
            inputMode="numeric"
            autoComplete="off"
            required
            {...form.bind("variableSymbol")}
          />
          <TextField
            label={t("personalAccount.claim.accessCode")}
            hint={t("personalAccount.claim.accessCodeHint")}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            {...form.bind("accessCode")}
          />
          <Button type="submit" busy={form.submitting} className="self-start">
            {t("personalAccount.claim.submit")}
          </Button>
        </Form>
      </section>
    </div>
  );
}
