package dev.whetstone.app.fx;

import java.util.function.UnaryOperator;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.util.StringConverter;

/**
 * Form fields bound both ways to a view-model's property: the field shows the property's value, including
 * one a preset sets after the field was built, and an edit in the field sets the property. Text that does
 * not parse is put back to the value, never thrown.
 *
 * <p>Example: {@code grid.add(BoundFields.intSpinner(method.rank(), 1, 512, 4), 1, 0)}
 */
public final class BoundFields {
    private BoundFields() {
    }

    /** An editable spinner over {@code min … max} for {@code property}; values outside the range are clamped. */
    public static Spinner<Integer> intSpinner(IntegerProperty property, int min, int max, int step) {
        Spinner<Integer> spinner = new Spinner<>(min, max, property.get(), step);
        spinner.setEditable(true);
        SpinnerValueFactory<Integer> values = spinner.getValueFactory();
        values.setConverter(lenient(values.getConverter(), values.valueProperty()));
        bind(values.valueProperty(), property);
        return spinner;
    }

    /** An editable spinner in percent ({@code 0 … maxPercent}) for a share {@code fraction} in {@code [0, 1]}. */
    public static Spinner<Integer> percentSpinner(DoubleProperty fraction, int maxPercent, int step) {
        Spinner<Integer> spinner = new Spinner<>(0, maxPercent, percent(fraction.get()), step);
        spinner.setEditable(true);
        SpinnerValueFactory<Integer> values = spinner.getValueFactory();
        values.setConverter(lenient(values.getConverter(), values.valueProperty()));
        values.valueProperty().addListener((obs, old, now) -> {
            if (now != null && percent(fraction.get()) != now) {
                fraction.set(now / 100.0);
            }
        });
        fraction.addListener((obs, old, now) -> values.setValue(percent(now.doubleValue())));
        return spinner;
    }

    /** A text field for a decimal such as a learning rate, written short: {@code 0.005}, {@code 1e-4}. */
    public static TextField decimalField(DoubleProperty property) {
        TextField field = new TextField();
        TextFormatter<Double> formatter = new TextFormatter<>(new StringConverter<>() {
            @Override
            public String toString(Double value) {
                return value == null ? "" : shortDecimal(value);
            }

            @Override
            public Double fromString(String text) {
                return Double.parseDouble(text.strip());   // a bad number: the formatter puts the value back
            }
        }, property.get());
        field.setTextFormatter(formatter);
        bind(formatter.valueProperty(), property);
        return field;
    }

    /** A text field for a whole number such as a seed. */
    public static TextField longField(LongProperty property) {
        TextField field = new TextField();
        TextFormatter<Long> formatter = new TextFormatter<>(new StringConverter<>() {
            @Override
            public String toString(Long value) {
                return value == null ? "" : Long.toString(value);
            }

            @Override
            public Long fromString(String text) {
                return Long.parseLong(text.strip());
            }
        }, property.get());
        field.setTextFormatter(formatter);
        formatter.valueProperty().addListener((obs, old, now) -> {
            if (now != null && now != property.get()) {
                property.set(now);
            }
        });
        property.addListener((obs, old, now) -> formatter.setValue(now.longValue()));
        return field;
    }

    /** {@code 1.0E-4} as "1e-4", {@code 2.5E-5} as "2.5e-5", {@code 0.005} as "0.005", {@code 1.0} as "1". */
    public static String shortDecimal(double value) {
        String text = Double.toString(value);
        int e = text.indexOf('E');
        String mantissa = e < 0 ? text : text.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return e < 0 ? mantissa : mantissa + "e" + text.substring(e + 1);
    }

    private static int percent(double fraction) {
        return (int) Math.round(fraction * 100);
    }

    private static <N extends Number> void bind(ObjectProperty<N> field, javafx.beans.property.Property<Number> property) {
        field.addListener((obs, old, now) -> {
            if (now != null && !now.equals(property.getValue())) {
                property.setValue(now);
            }
        });
        property.addListener((obs, old, now) -> {
            if (now != null && !now.equals(field.get())) {
                @SuppressWarnings("unchecked")
                N value = (N) now;
                field.set(value);
            }
        });
    }

    /** A converter that answers the current value for text it cannot read, so the spinner puts the text back. */
    private static <T> StringConverter<T> lenient(StringConverter<T> strict, ObjectProperty<T> current) {
        UnaryOperator<String> strip = text -> text == null ? "" : text.strip();
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return strict.toString(value);
            }

            @Override
            public T fromString(String text) {
                try {
                    return strict.fromString(strip.apply(text));
                } catch (RuntimeException e) {
                    return current.get();
                }
            }
        };
    }
}
