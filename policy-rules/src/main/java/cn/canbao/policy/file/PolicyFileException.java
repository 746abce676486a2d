package cn.canbao.policy.file;

import java.util.List;
import java.util.stream.Collectors;

/** A policy file that must not be used; lists every problem found with file and line. */
public class PolicyFileException extends RuntimeException {

    private final transient List<PolicyFileError> errors;

    public PolicyFileException(List<PolicyFileError> errors) {
        super(errors.stream().map(PolicyFileError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<PolicyFileError> errors() {
        return errors;
    }
}
