package io.atende;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AtendeApplication {

    public static void main(String[] args) {
        SpringApplication.run(AtendeApplication.class, args);
    }
}
