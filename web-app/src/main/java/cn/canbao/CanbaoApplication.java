package cn.canbao;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The one application: web pages and API on top of the domain modules, all under {@code cn.canbao}. */
@SpringBootApplication
public class CanbaoApplication {

    public static void main(String[] args) {
        SpringApplication.run(CanbaoApplication.class, args);
    }
}
