package dev.rekey.core;

/** A CVM instance: the instance, its CVM facts, and its latest operation (null before the first one). */
public record CvmInstance(Instance instance, CvmFacts facts) {

    public static CvmInstance of(Instance i) {
        if (i.cvm() == null) throw new IllegalArgumentException("instance " + i.id() + " is not a CVM instance");
        return new CvmInstance(i, i.cvm());
    }

    public String id() {
        return instance.id();
    }

    public CvmInstanceState state() {
        return facts.state();
    }

    public boolean windows() {
        return facts.windows();
    }

    public String image() {
        return facts.image();
    }

    public LatestOperation latest() {
        return instance.latest();
    }

    public String defaultUser() {
        return facts.defaultUser();
    }
}
