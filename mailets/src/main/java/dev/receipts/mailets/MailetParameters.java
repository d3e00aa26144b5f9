package dev.receipts.mailets;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.mailet.base.GenericMailet;

/** A mailet's init parameters as James gave them, in their order, for validation by a core settings class. */
final class MailetParameters {
    private MailetParameters() {
    }

    static Map<String, String> of(GenericMailet mailet) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Iterator<String> names = mailet.getInitParameterNames();
        while (names.hasNext()) {
            String parameter = names.next();
            parameters.put(parameter, mailet.getInitParameter(parameter));
        }
        return parameters;
    }
}
