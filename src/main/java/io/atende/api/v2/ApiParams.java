package io.atende.api.v2;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;

import org.springframework.web.multipart.MultipartFile;

/**
 * The parameters of one request, whatever carried them (query string, url-encoded or multipart
 * form, flat JSON), with the typed readers every endpoint uses. Each reader refuses a bad value
 * with a 400 that names the parameter.
 */
final class ApiParams {

    private static final Set<String> TRUE = Set.of("1", "true", "y", "yes", "s", "sim", "on");
    private static final Set<String> FALSE = Set.of("0", "false", "n", "no", "nao", "não", "off");

    private final Map<String, String> values;
    private final Map<String, MultipartFile> files;

    ApiParams(Map<String, String> values) {
        this(values, Map.of());
    }

    ApiParams(Map<String, String> values, Map<String, MultipartFile> files) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * The uploaded files {@code name[0]}, {@code name[1]}, ... (and a bare {@code name}), in index
     * order; empty parts (a form's unused file input) are skipped.
     */
    List<MultipartFile> files(String name) {
        var indexed = new java.util.TreeMap<Integer, MultipartFile>();
        files.forEach((key, file) -> {
            if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
                return;
            }
            if (key.equals(name)) {
                indexed.put(-1, file);
            } else if (key.startsWith(name + "[") && key.endsWith("]")) {
                try {
                    indexed.put(Integer.parseInt(key.substring(name.length() + 1, key.length() - 1)), file);
                } catch (NumberFormatException notAnIndex) {
                    throw new InvalidInputException(key, "parameter.invalid");
                }
            }
        });
        return List.copyOf(indexed.values());
    }

    /** Whether the parameter was sent at all (even empty). */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The raw value, or {@code null} when absent; an empty value counts as absent. */
    String raw(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    String required(String name) {
        String value = raw(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name, "parameter.required");
        }
        return value.strip();
    }

    String requiredText(String name, int maxLength) {
        return Inputs.requiredText(name, raw(name), maxLength);
    }

    /** The stripped text or {@code null}; a value longer than {@code maxLength} is refused. */
    String text(String name, int maxLength) {
        return Inputs.optionalText(name, raw(name), maxLength);
    }

    Optional<Integer> integer(String name) {
        String value = raw(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.valueOf(value.strip()));
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException(name, "parameter.not_integer");
        }
    }

    Optional<Long> longValue(String name) {
        String value = raw(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.valueOf(value.strip()));
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException(name, "parameter.not_integer");
        }
    }

    /** An integer within bounds, or empty. */
    Optional<Integer> integer(String name, int min, int max) {
        var value = integer(name);
        value.ifPresent(number -> {
            if (number < min || number > max) {
                throw new InvalidInputException(name, "parameter.out_of_range", min, max);
            }
        });
        return value;
    }

    /** A yes/no flag: 1/0, true/false, Y/N. */
    Optional<Boolean> flag(String name) {
        String value = raw(name);
        if (value == null) {
            return Optional.empty();
        }
        String key = value.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(key)) {
            return Optional.of(true);
        }
        if (FALSE.contains(key)) {
            return Optional.of(false);
        }
        throw new InvalidInputException(name, "parameter.not_boolean");
    }

    /** One of the allowed values (compared ignoring case), returned as the allowed spelling. */
    Optional<String> oneOf(String name, List<String> allowed) {
        String value = raw(name);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(allowed.stream().filter(option -> option.equalsIgnoreCase(value.strip())).findFirst()
                .orElseThrow(() -> new InvalidInputException(name, "parameter.not_one_of", String.join(", ", allowed))));
    }

    /** A comma-separated list, without blanks. */
    List<String> csv(String name) {
        String value = raw(name);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** A date in any of the accepted forms, read in {@code zone} when it carries no offset. */
    Optional<Instant> date(String name, ZoneId zone) {
        String value = raw(name);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(ApiDates.parse(value).orElseThrow(() -> new InvalidInputException(name, "parameter.invalid_date"))
                .resolve(zone));
    }

    /** The requested page: 1 when absent; 400 when not an integer of at least 1. */
    int page() {
        return integer("page").map(page -> {
            if (page < 1) {
                throw new InvalidInputException("page", "parameter.out_of_range", 1, Integer.MAX_VALUE);
            }
            return page;
        }).orElse(1);
    }

    /** The members of a bracket map such as {@code custom_field[<id>]=value}, by key, in request order. */
    Map<String, String> map(String name) {
        Map<String, String> members = new LinkedHashMap<>();
        String prefix = name + "[";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.endsWith("]") && key.length() > prefix.length() + 1) {
                members.put(key.substring(prefix.length(), key.length() - 1), value);
            }
        });
        return members;
    }

    /** The names of the parameters that were sent, for diagnostics. */
    List<String> names() {
        return new ArrayList<>(values.keySet());
    }
}
