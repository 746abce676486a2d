package cn.canbao.web.policy;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import cn.canbao.region.RegionCode;

/** No policy file covers the region and year (404). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NoPolicyException extends RuntimeException {

    public NoPolicyException(RegionCode region, int year) {
        super("no policy covers region " + region + " for coverage year " + year);
    }
}
