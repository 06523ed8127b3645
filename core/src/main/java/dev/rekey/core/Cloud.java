package dev.rekey.core;

/** The three API families whose signatures and envelopes Rekey speaks. */
public enum Cloud { TENCENT, ALIYUN, HUAWEI }
