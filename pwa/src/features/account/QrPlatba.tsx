import { toString as renderQrSvg } from "qrcode";
import { useEffect, useState } from "react";

/**
 * A QR Platba code drawn on the device from the SPAYD text the API gives (never stored, never fetched as an
 * image). `qrcode` renders SVG, sharp at any size and on paper; medium error correction and the quiet zone of
 * 4 modules that banking apps' scanners expect. Only the assessment's detail page imports this file, so the
 * library stays in that page's chunk and off the home page.
 */
export function QrPlatba({ spayd, description }: { spayd: string; description: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void renderQrSvg(spayd, { type: "svg", errorCorrectionLevel: "M", margin: 4, color: { dark: "#000000", light: "#ffffff" } }).then(
      (markup) => current && setSvg(markup),
    );
    return () => {
      current = false;
    };
  }, [spayd]);
  return (
    <div
      role="img"
      aria-label={description}
      data-testid="qr-platba"
      className="size-56 bg-white sm:size-64 [&>svg]:size-full"
      // The markup is qrcode's own output for our text (no user HTML): paths and rects only.
      dangerouslySetInnerHTML={svg ? { __html: svg } : undefined}
    />
  );
}
