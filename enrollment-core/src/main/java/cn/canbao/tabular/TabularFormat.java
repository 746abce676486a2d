package cn.canbao.tabular;

/** The file formats the reader accepts. */
public enum TabularFormat {
    CSV,
    XLSX;

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    /** Decides by content, not by file name: an .xlsx is a ZIP; an old .xls (OLE2) is refused. */
    static TabularFormat detect(byte[] head, int length) {
        if (startsWith(head, length, ZIP)) {
            return XLSX;
        }
        if (startsWith(head, length, OLE2)) {
            throw new TabularFileException("不支持旧版Excel（.xls）文件，请另存为.xlsx或CSV后上传", 0);
        }
        return CSV;
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
