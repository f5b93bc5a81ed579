// Every job kind the workers run. A new kind is defined in its own file here and listed below.
import { accountEmailJob } from "./account-email.ts";

export const jobKinds = [accountEmailJob] as const;
