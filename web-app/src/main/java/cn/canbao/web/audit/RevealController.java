package cn.canbao.web.audit;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The small form behind every masked ID or phone number on a page (and its API twin): the sealed
 * reference and a reason go in, the full value comes back once, and the view is audited.
 */
@Controller
class RevealController {

    private final RevealService reveals;

    RevealController(RevealService reveals) {
        this.reveals = reveals;
    }

    @PostMapping("/personal-data/reveal")
    String reveal(@RequestParam(required = false) String reference, @RequestParam(required = false) String reason,
            HttpServletRequest request, Model model) {
        try {
            PersonalData.Sealed sealed = reveals.reveal(reference, reason, request);
            model.addAttribute("kind", sealed.kind());
            model.addAttribute("value", sealed.value());
            model.addAttribute("region", sealed.region().value());
        } catch (IllegalArgumentException e) {
            model.addAttribute("refused", reason == null || reason.isBlank() ? "audit.reveal.reasonRequired" : "audit.reveal.invalid");
        }
        return "audit/revealed";
    }

    record RevealBody(String reference, String reason) {
    }

    record Revealed(String kind, String value) {
    }

    record Refusal(String error) {
    }

    @PostMapping("/api/v1/personal-data/reveal")
    @ResponseBody
    @Operation(summary = "The full ID or phone number behind a sealed reference, with a reason; audited",
            description = "400 without a reason or for a reference not issued to the caller; 403 outside the caller's region")
    ResponseEntity<?> revealApi(@RequestBody RevealBody body, HttpServletRequest request) {
        try {
            PersonalData.Sealed sealed = reveals.reveal(body.reference(), body.reason(), request);
            return ResponseEntity.ok(new Revealed(sealed.kind().name(), sealed.value()));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new Refusal(e.getMessage()));
        }
    }
}
