package cn.canbao.policy;

/** A domain code with the exact Chinese term the documents use, shown to users instead of the code. */
public interface ChineseNamed {

    String chineseName();
}
