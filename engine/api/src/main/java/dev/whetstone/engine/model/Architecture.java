package dev.whetstone.engine.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A decoder family Whetstone can load, named as Hugging Face names it in {@code config.json}'s
 * {@code architectures} list. All four are one decoder with switches (see {@link ModelConfig}).
 *
 * <p>Example: {@code Architecture.fromHfName("Qwen3ForCausalLM") == Architecture.QWEN3}.
 */
public enum Architecture {
    QWEN3("Qwen3ForCausalLM"),
    QWEN2("Qwen2ForCausalLM"),
    LLAMA("LlamaForCausalLM"),
    MISTRAL("MistralForCausalLM");

    private final String hfName;

    Architecture(String hfName) {
        this.hfName = hfName;
    }

    /** The class name Hugging Face writes in {@code architectures}, e.g. {@code "LlamaForCausalLM"}. */
    public String hfName() {
        return hfName;
    }

    /**
     * The architecture with this Hugging Face class name.
     *
     * @throws IllegalArgumentException if the name is not one of {@link #supportedNames()}
     */
    public static Architecture fromHfName(String hfName) {
        for (Architecture a : values()) {
            if (a.hfName.equals(hfName)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "architecture '" + hfName + "' is not supported; supported: " + supportedNames());
    }

    /** The supported Hugging Face class names, comma separated, for error messages. */
    public static String supportedNames() {
        return Arrays.stream(values()).map(Architecture::hfName).collect(Collectors.joining(", "));
    }
}
