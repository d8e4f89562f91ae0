package io.atende.platform;

import io.nayuki.qrcodegen.QrCode;

/** A QR code as inline SVG, drawn on the server, so the page needs no script and no image request. */
public final class QrCodeSvg {

    /** The quiet zone a reader needs around the code, in modules. */
    private static final int BORDER = 4;

    private QrCodeSvg() {
    }

    /**
     * The SVG of {@code text} (medium error correction): one path of unit squares, black on white whatever the
     * page's colours, since readers want contrast. Made of numbers, fixed markup and the escaped title, so it is safe unescaped.
     */
    public static String of(String text, String title) {
        var code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = code.size + BORDER * 2;
        var path = new StringBuilder();
        for (int y = 0; y < code.size; y++) {
            for (int x = 0; x < code.size; x++) {
                if (code.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr-code\" viewBox=\"0 0 " + size + " " + size
                + "\" width=\"220\" height=\"220\" role=\"img\" shape-rendering=\"crispEdges\"><title>" + Html.escape(title) + "</title>"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><path d=\"" + path + "\" fill=\"#000000\"/></svg>";
    }

}
