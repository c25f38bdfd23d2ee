package io.fleetopt.notifier.approval;

/** The review pages' common frame: escaping, and one self-contained HTML document with its own CSS, no script. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        escapeTo(out, text);
        return out.toString();
    }

    static void escapeTo(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    private static final String CSS = """
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f5f6f8}
            main{max-width:64rem;margin:0 auto;padding:1rem}
            h1{font-size:1.4rem;margin:.4rem 0 .8rem}
            h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
            .totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:0 0 1rem;padding:0;list-style:none}
            .totals li{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;padding:.5rem .8rem}
            .totals b{display:block;font-size:1.2rem}
            fieldset,.card{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;margin:0 0 .8rem;padding:.6rem .8rem;min-width:0}
            legend{font-weight:600;padding:0 .3rem;overflow-wrap:anywhere}
            .change{display:flex;gap:.6rem;align-items:flex-start;padding:.5rem 0;border-top:1px solid #eceef2}
            .change:first-of-type{border-top:0}
            .change input{width:1.3rem;height:1.3rem;margin-top:.15rem;flex:none}
            .what{font-weight:600}
            .why,.warn,.meta{font-size:.92rem;overflow-wrap:anywhere}
            .warn{color:#8a4b00}
            .meta{color:#555e6b}
            .risk{display:inline-block;border-radius:.3rem;padding:0 .35rem;font-size:.8rem;font-weight:600}
            .LOW{background:#dff3e4}.MEDIUM{background:#fff0c2}.HIGH{background:#ffd9d6}
            .decide{background:#fff;border:1px solid #aab2bf;border-radius:.5rem;padding:.8rem;margin-top:1rem}
            .decide label{display:block;font-weight:600;margin-bottom:.3rem}
            .decide input[type=text]{width:100%;font-size:1rem;padding:.5rem;border:1px solid #aab2bf;border-radius:.3rem}
            .buttons{display:flex;flex-wrap:wrap;gap:.6rem;margin-top:.6rem}
            button{font-size:1rem;padding:.6rem 1rem;border-radius:.4rem;border:1px solid #1b1f24;cursor:pointer}
            .approve{background:#14532d;color:#fff;border-color:#14532d}
            .reject{background:#fff}
            ul.plain{padding-left:1.2rem}
            .scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;background:#fff}
            th,td{padding:.3rem .5rem;border-bottom:1px solid #eceef2;text-align:left}td.n{text-align:right}
            h3{font-size:1rem;margin:1rem 0 .4rem}
            .notice{background:#fff;border:1px solid #d5d9e0;border-radius:.5rem;padding:1rem}
            .status{font-size:.85rem;color:#555e6b}
            @media (min-width:48rem){.decide{position:sticky;bottom:0}}
            """;

    static String document(String title, String main) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex,nofollow\">"
                + "<title>" + escape(title) + "</title><style>" + CSS + "</style></head>\n<body><main>\n"
                + main + "\n</main></body></html>\n";
    }
}
