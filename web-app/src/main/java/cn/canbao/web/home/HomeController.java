package cn.canbao.web.home;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.canbao.collection.payment.PaymentBatch;
import cn.canbao.collection.payment.PaymentRepository;
import cn.canbao.region.RegionDirectory;
import cn.canbao.web.security.CurrentUser;
import cn.canbao.web.security.RegionAccess;

/** Each role lands on its own home page: the work it does every day. */
@Controller
class HomeController {

    private static final int PAYMENT_BATCHES_SHOWN = 100;
    private static final int ERRORS_SHOWN = 20;

    private final RegionAccess access;
    private final RegionDirectory regions;
    private final CountyWorkService countyWork;
    private final PaymentRepository payments;

    HomeController(RegionAccess access, RegionDirectory regions, CountyWorkService countyWork, PaymentRepository payments) {
        this.access = access;
        this.regions = regions;
        this.countyWork = countyWork;
        this.payments = payments;
    }

    @GetMapping("/")
    String home(HttpServletRequest request, Model model) {
        CurrentUser user = access.currentUser();
        model.addAttribute("user", user);
        model.addAttribute("regionPath", regions.path(user.region()));
        model.addAttribute("children", regions.children(user.region()));
        return switch (user.role()) {
            case ADMIN -> "home/admin";
            case COUNTY_STAFF -> {
                model.addAttribute("work", countyWork.of(access.actor(request)));
                yield "home/county";
            }
            case TOWNSHIP_WORKER -> "home/township";
            case SUPERVISOR -> "home/supervisor";
        };
    }

    /** The worklist behind "payment imports to check": batches in the user's region with rejected rows or unbalanced totals. */
    @GetMapping("/today/payment-imports")
    String paymentImportsToCheck(Model model) {
        var batches = payments.batchesToCheck(access.scope(), PAYMENT_BATCHES_SHOWN);
        model.addAttribute("batches", batches);
        model.addAttribute("errors", batches.stream().collect(Collectors.toMap(PaymentBatch::id, b -> payments.errors(b.id(), ERRORS_SHOWN))));
        model.addAttribute("unbalanced", batches.stream().collect(Collectors.toMap(PaymentBatch::id,
                b -> payments.balance(b.id()).stream().filter(l -> !l.balanced()).toList())));
        return "home/payment-imports";
    }
}
